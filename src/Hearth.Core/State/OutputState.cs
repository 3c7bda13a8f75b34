using Hearth.Core.Values;

namespace Hearth.Core.State;

/// <summary>An output's value after the last apply.</summary>
public sealed record OutputState(Value Value, bool Sensitive);
