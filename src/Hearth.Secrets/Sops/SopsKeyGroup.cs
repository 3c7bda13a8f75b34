namespace Hearth.Secrets.Sops;

/// <summary>
/// The master keys of one key group, as recipients to encrypt to: age recipients (<c>age1…</c>) and PGP
/// fingerprints (40 hex digits). With one group each key encrypts the whole data key; with several, each
/// group gets one Shamir share of it.
/// </summary>
public sealed record SopsKeyGroup(IReadOnlyList<string> AgeRecipients, IReadOnlyList<string> PgpFingerprints)
{
    public bool IsEmpty => AgeRecipients.Count == 0 && PgpFingerprints.Count == 0;
}
