namespace Hearth.Storage.B2;

/// <summary>The body of <c>b2_delete_key</c>.</summary>
internal sealed record B2DeleteKeyRequest(string ApplicationKeyId);
