namespace Hearth.Storage.B2;

/// <summary>The error envelope of every native call: the HTTP status again, a snake_case code and a text.</summary>
internal sealed record B2Error(int Status, string Code, string? Message);
