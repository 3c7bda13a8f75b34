using System.Collections.Immutable;
using Hearth.Core.Diagnostics;

namespace Hearth.Core.Expressions;

/// <summary>Text with <c>${…}</c> interpolations; always evaluates to a string.</summary>
public sealed record TemplateExpression(ImmutableArray<Expression> Parts, SourceSpan Span) : Expression(Span)
{
    protected override IEnumerable<Expression> Children() => Parts;
}
