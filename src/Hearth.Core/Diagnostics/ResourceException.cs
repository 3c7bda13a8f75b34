namespace Hearth.Core.Diagnostics;

/// <summary>
/// Thrown by a resource type when an operation fails in a way the user can act on.
/// The message must not contain sensitive values.
/// </summary>
public class ResourceException(string message, string? hint = null, Exception? inner = null)
    : HearthException(message, hint, inner);
