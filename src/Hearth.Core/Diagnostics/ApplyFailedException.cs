namespace Hearth.Core.Diagnostics;

/// <summary>One or more resource operations failed during apply; everything that succeeded is in the state.</summary>
public sealed class ApplyFailedException(IReadOnlyList<ResourceOperationError> errors)
    : HearthException($"{errors.Count} resource operation(s) failed")
{
    public IReadOnlyList<ResourceOperationError> Errors { get; } = errors;
}

/// <summary>What went wrong with one resource.</summary>
public sealed record ResourceOperationError(string Address, string Operation, string Message);
