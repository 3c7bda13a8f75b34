using System.Text;
using Hearth.Secrets.Age;

namespace Hearth.Secrets.Sops;

/// <summary>
/// The file's data key and its master keys: recovering it with the keys available here, and protecting a key
/// for a file's key groups (each group's keys encrypt the whole key, or with several groups a Shamir share).
/// </summary>
public sealed class SopsDataKey(IReadOnlyList<AgeIdentity> ageIdentities, IPgpKeyService? pgp)
{
    public const int Size = 32;

    public static byte[] Generate() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(Size);

    /// <exception cref="SecretsException">No available key opens enough groups.</exception>
    public byte[] Recover(SopsMetadata metadata, string fileName, CancellationToken cancellationToken = default)
    {
        var parts = new List<byte[]>();
        var damaged = new List<SecretsException>();
        foreach (var group in metadata.KeyGroups)
        {
            if (TryOpen(group, fileName, damaged, cancellationToken) is { } part)
                parts.Add(part);
            if (metadata.KeyGroupCount == 1 && parts.Count == 1)
                return parts[0].Length == Size ? parts[0] : throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}: its data key is not {Size} bytes");
        }
        if (metadata.KeyGroupCount > 1 && parts.Count >= metadata.EffectiveThreshold)
            return SopsKeySharing.Combine(parts, fileName);
        throw damaged.Count > 0 ? damaged[0] : NoKey(metadata, fileName, parts.Count);
    }

    /// <param name="damaged">Gets an error for each entry that is not a readable age file; as sops does, the others are still tried.</param>
    private byte[]? TryOpen(SopsMasterKeys group, string fileName, List<SecretsException> damaged, CancellationToken cancellationToken)
    {
        foreach (var entry in group.Age)
        {
            try
            {
                return AgeDecryptor.Decrypt(Encoding.ASCII.GetBytes(entry.Enc), ageIdentities);
            }
            catch (SecretsException e) when (e.Failure == SecretsFailure.NoKey)
            {
                // Not ours; try the next key.
            }
            catch (SecretsException e) when (e.Failure == SecretsFailure.InvalidFile)
            {
                damaged.Add(new SecretsException(SecretsFailure.InvalidFile, $"{fileName}: the data key stored for {entry.Recipient} cannot be read: {e.Message}",
                    "the file was changed without sops; restore it from version control", e.InnerException));
            }
        }
        if (pgp is null)
            return null;
        foreach (var entry in group.Pgp)
        {
            if (pgp.TryDecrypt(entry.Enc, entry.Fingerprint, cancellationToken) is { } key)
                return key;
        }
        return null;
    }

    private SecretsException NoKey(SopsMetadata metadata, string fileName, int opened)
    {
        var recipients = metadata.Age.Select(a => a.Recipient).Concat(metadata.Pgp.Select(p => $"PGP {p.Fingerprint}")).ToList();
        var groups = metadata.KeyGroupCount > 1 ? $" (opened {opened} of the {metadata.EffectiveThreshold} key groups it needs)" : "";
        return new SecretsException(SecretsFailure.NoKey, $"no available key opens {fileName}{groups}",
            recipients.Count == 0
                ? "the file lists no keys"
                : $"it is encrypted for {string.Join(", ", recipients)}; set SOPS_AGE_KEY_FILE or SOPS_AGE_KEY to a matching age identity" +
                  (metadata.Pgp.Count > 0 ? (pgp is null ? " (PGP keys need gpg)" : ", or import the PGP secret key into gpg") : ""));
    }

    /// <summary>Encrypts <paramref name="dataKey"/> for every key of every group.</summary>
    /// <exception cref="SecretsException">A group is empty, or a key cannot encrypt.</exception>
    public IReadOnlyList<SopsMasterKeys> Protect(byte[] dataKey, IReadOnlyList<SopsKeyGroup> groups, int threshold, CancellationToken cancellationToken = default)
    {
        if (groups.Count == 0 || groups.Any(g => g.IsEmpty))
            throw new SecretsException(SecretsFailure.NoRecipients, "no keys to encrypt to",
                "pass --age RECIPIENT (or --pgp FINGERPRINT), set SOPS_AGE_RECIPIENTS, or add a creation rule with keys to .sops.yaml");
        var parts = groups.Count == 1 ? [dataKey] : SopsKeySharing.Split(dataKey, groups.Count, threshold > 0 ? threshold : groups.Count);
        var createdAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        return [.. groups.Select((group, i) => new SopsMasterKeys(
            [.. group.AgeRecipients.Select(r => AgeRecipient.Parse(r)).Select(r => new SopsAgeEntry(r.Text, Encoding.ASCII.GetString(AgeEncryptor.Encrypt(parts[i], [r], armor: true))))],
            [.. group.PgpFingerprints.Select(fp => new SopsPgpEntry(fp, (pgp ?? throw NoGpg()).Encrypt(parts[i], fp, cancellationToken), createdAt))],
            []))];
    }

    private static SecretsException NoGpg() =>
        new(SecretsFailure.EncryptionFailed, "PGP keys need gpg, which is not available here", "install gnupg, or encrypt to age recipients");
}
