namespace Hearth.Testing.B2;

/// <summary>An application key as <see cref="FakeB2"/> keeps it, secret included.</summary>
public sealed record FakeB2Key(
    string AccountId,
    string ApplicationKeyId,
    string ApplicationKey,
    string KeyName,
    IReadOnlyList<string> Capabilities,
    string? BucketId = null,
    string? NamePrefix = null,
    long? ExpirationTimestamp = null)
{
    public bool Can(string capability) => Capabilities.Contains(capability, StringComparer.Ordinal);

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("ApplicationKeyId = ").Append(ApplicationKeyId).Append(", KeyName = ").Append(KeyName).Append(", ApplicationKey = (sensitive)");
        return true;
    }
}
