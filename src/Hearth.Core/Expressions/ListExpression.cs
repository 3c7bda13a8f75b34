using System.Collections.Immutable;
using Hearth.Core.Diagnostics;

namespace Hearth.Core.Expressions;

public sealed record ListExpression(ImmutableArray<Expression> Items, SourceSpan Span) : Expression(Span)
{
    protected override IEnumerable<Expression> Children() => Items;
}
