namespace Hearth.Core.Diagnostics;

/// <summary>What went wrong with one resource.</summary>
public sealed record ResourceOperationError(string Address, string Operation, string Message);
