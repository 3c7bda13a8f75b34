using System.Security.Cryptography;

namespace Hearth.Secrets.Sops;

/// <summary>
/// Encrypts plaintext documents under a data key: every value and comment the rules select, the MAC over all
/// values in document order (only encrypted ones with mac_only_encrypted), and <c>lastmodified</c> set to now.
/// </summary>
public static class SopsEncryptor
{
    /// <summary>Encrypts a plaintext file for the first time: a new data key, protected for every key group.</summary>
    /// <exception cref="SecretsException">The rules conflict, a group has no keys, or a key cannot encrypt.</exception>
    public static SopsDocument EncryptNew(IReadOnlyList<SopsMap> documents, IReadOnlyList<SopsKeyGroup> groups, int shamirThreshold,
        SopsEncryptionRules rules, SopsDataKey keys, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        EnsureNoMetadataKey(documents);
        var dataKey = SopsDataKey.Generate();
        var metadata = new SopsMetadata(keys.Protect(dataKey, groups, shamirThreshold, cancellationToken), groups.Count > 1 ? shamirThreshold : 0,
            rules.Normalized("the encryption options"), null, null, null);
        return Encrypt(documents, dataKey, metadata, now);
    }

    /// <exception cref="SecretsException">A document has a top-level <c>sops</c> key, which the metadata needs.</exception>
    public static void EnsureNoMetadataKey(IReadOnlyList<SopsMap> documents)
    {
        if (documents.Any(d => d.Get("sops") is not null))
            throw new SecretsException(SecretsFailure.InvalidFile, "the file has a top-level `sops` key, which SOPS keeps for its metadata",
                "rename that key; if the file is already encrypted, edit it with `hearth sops FILE` instead");
    }

    /// <param name="metadata">Keys and rules; its <c>lastmodified</c> and <c>mac</c> are replaced.</param>
    /// <param name="stash">IVs of the values as they were decrypted, so unchanged values keep their ciphertext.</param>
    public static SopsDocument Encrypt(IReadOnlyList<SopsMap> documents, byte[] dataKey, SopsMetadata metadata, DateTimeOffset now, SopsIvStash? stash = null)
    {
        using var mac = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        var policy = new SopsEncryptionPolicy(metadata.Rules);
        if (policy.MacOnlyEncrypted)
            mac.AppendData(SopsDecryptor.MacOnlyEncryptedInitialization);
        var walker = new SopsTreeWalker(policy,
            (scalar, path, encrypt) =>
            {
                var value = scalar.Value!;
                if (!policy.MacOnlyEncrypted || encrypt)
                    mac.AppendData(SopsPlaintext.Bytes(value));
                return encrypt ? new SopsScalar(SopsValueCipher.Encrypt(value, dataKey, path, stash)) : scalar;
            },
            (comment, path, encrypt) => (encrypt ? new SopsComment(SopsValueCipher.EncryptComment(comment.Text, dataKey, path, stash)) : comment, comment.Text));
        var encrypted = documents.Select(walker.Walk).ToList();
        var lastModified = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var macText = SopsValueCipher.Encrypt(Convert.ToHexString(mac.GetHashAndReset()), dataKey, lastModified);
        return new SopsDocument(encrypted, metadata with { LastModified = lastModified, Mac = macText, Version = SopsMetadata.FormatVersion });
    }
}
