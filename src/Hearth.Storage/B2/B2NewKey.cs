namespace Hearth.Storage.B2;

/// <summary>What <c>b2_create_key</c> makes: capabilities (the exact strings), a name, and optional expiry and restriction.</summary>
internal sealed record B2NewKey(
    string KeyName,
    IReadOnlyList<string> Capabilities,
    long? ValidDurationInSeconds = null,
    string? BucketId = null,
    string? NamePrefix = null);
