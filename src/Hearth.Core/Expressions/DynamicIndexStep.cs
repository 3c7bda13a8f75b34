namespace Hearth.Core.Expressions;

/// <summary>An index computed from another reference: <c>data.node[each.key]</c>.</summary>
public sealed record DynamicIndexStep(ReferenceExpression Key) : TraversalStep;
