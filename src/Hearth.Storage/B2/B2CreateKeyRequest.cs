namespace Hearth.Storage.B2;

/// <summary>The body of <c>b2_create_key</c> (v3: one bucket at most).</summary>
internal sealed record B2CreateKeyRequest(
    string AccountId,
    List<string> Capabilities,
    string KeyName,
    long? ValidDurationInSeconds,
    string? BucketId,
    string? NamePrefix)
{
    public static B2CreateKeyRequest For(string accountId, B2NewKey key) =>
        new(accountId, [.. key.Capabilities], key.KeyName, key.ValidDurationInSeconds, key.BucketId, key.NamePrefix);
}
