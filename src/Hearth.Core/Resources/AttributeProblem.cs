namespace Hearth.Core.Resources;

/// <summary>An argument a resource type rejects; <see cref="Attribute"/> is null when the problem is the resource as a whole.</summary>
public sealed record AttributeProblem(string? Attribute, string Message, string? Hint = null);
