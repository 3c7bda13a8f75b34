namespace Hearth.Storage.B2;

/// <summary>
/// <c>state.backend: b2</c>: the bucket, the state's file name in it, and the application key (which never
/// prints: <see cref="ToString"/> shows <c>(sensitive)</c>). <see cref="Endpoint"/> overrides where authorisation
/// goes (tests; B2 itself says where everything else goes). <see cref="KeepVersions"/> is how many versions of the
/// state a write leaves; older ones are deleted.
/// </summary>
public sealed record B2StateOptions(string Bucket, string Key, string ApplicationKeyId, string ApplicationKey)
{
    /// <summary>Versions of the state kept: enough to step back a few runs by hand, few enough that nothing piles up.</summary>
    public const int DefaultKeepVersions = 10;

    public Uri? Endpoint { get; init; }

    public int KeepVersions { get; init; } = DefaultKeepVersions;

    /// <summary>The lock's file name: the state's, with <c>.lock</c> appended.</summary>
    public string LockKey => Key + ".lock";

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Bucket = ").Append(Bucket).Append(", Key = ").Append(Key).Append(", ApplicationKeyId = ").Append(ApplicationKeyId)
            .Append(", ApplicationKey = (sensitive), Endpoint = ").Append(Endpoint).Append(", KeepVersions = ").Append(KeepVersions);
        return true;
    }
}
