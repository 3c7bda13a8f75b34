namespace Hearth.Core.Diagnostics;

/// <summary>A plan cannot be made or applied as asked (prevent_destroy, a stale saved plan, a bad target).</summary>
public sealed class PlanException(string message, string? hint = null) : HearthException(message, hint);
