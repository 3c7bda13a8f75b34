namespace Hearth.Storage.B2;

/// <summary>
/// An application key. <see cref="ApplicationKey"/>, the secret, is only in the answer of <c>b2_create_key</c> and
/// is never printed.
/// </summary>
internal sealed record B2Key(
    string AccountId,
    string ApplicationKeyId,
    string KeyName,
    List<string> Capabilities,
    string? ApplicationKey = null,
    string? BucketId = null,
    string? NamePrefix = null,
    long? ExpirationTimestamp = null,
    List<string>? Options = null)
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("ApplicationKeyId = ").Append(ApplicationKeyId).Append(", KeyName = ").Append(KeyName)
            .Append(", Capabilities = [").AppendJoin(", ", Capabilities).Append("], BucketId = ").Append(BucketId)
            .Append(", NamePrefix = ").Append(NamePrefix).Append(", ApplicationKey = ").Append(ApplicationKey is null ? "null" : "(sensitive)");
        return true;
    }
}
