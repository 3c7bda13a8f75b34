namespace Hearth.Storage.B2;

/// <summary>The body of <c>b2_list_keys</c>.</summary>
internal sealed record B2ListKeysRequest(string AccountId, int? MaxKeyCount, string? StartApplicationKeyId);
