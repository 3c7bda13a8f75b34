using System.Collections.Immutable;
using Hearth.Core.Diagnostics;

namespace Hearth.Core.Expressions;

/// <summary><c>var.x</c>, <c>each.value</c>, <c>kind.name["key"].attr[0]</c>.</summary>
public sealed record ReferenceExpression(ImmutableArray<TraversalStep> Steps, SourceSpan Span) : Expression(Span)
{
    public string Root => ((AttributeStep)Steps[0]).Name;

    protected override IEnumerable<Expression> Children() => Steps.OfType<DynamicIndexStep>().Select(d => d.Key);

    public override string ToString() => TraversalStep.Format(Steps);
}
