using Hearth.Core.Values;

namespace Hearth.Core.Expressions;

/// <summary>An index by number (lists) or by string (maps, for_each instances).</summary>
public sealed record IndexStep(Value Key) : TraversalStep;
