namespace Hearth.Core.Diagnostics;

/// <summary>The state cannot be read, written or trusted (corrupt, another lineage, an older serial, a stale plan).</summary>
public sealed class StateException(string message, string? hint = null, Exception? inner = null)
    : HearthException(message, hint, inner);
