namespace Hearth.Core.Expressions;

public sealed record AttributeStep(string Name) : TraversalStep;
