namespace Hearth.Core.Diagnostics;

/// <summary>One or more resource operations failed during apply; everything that succeeded is in the state.</summary>
public sealed class ApplyFailedException(IReadOnlyList<ResourceOperationError> errors)
    : HearthException($"{errors.Count} resource operation(s) failed")
{
    public IReadOnlyList<ResourceOperationError> Errors { get; } = errors;
}
