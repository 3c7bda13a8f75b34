using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hearth.Secrets.Age;

namespace Hearth.Secrets.Sops;

/// <summary>
/// Opens a SOPS document: recovers the data key with an available key, decrypts every encrypted value with its
/// key path as additional data, and checks the MAC over all values in document order.
/// </summary>
public sealed class SopsDecryptor(IReadOnlyList<AgeIdentity> ageIdentities)
{
    /// <summary>SHA-256 of "sops": fed to the MAC first when only encrypted values are covered.</summary>
    private static readonly byte[] MacOnlyEncryptedInitialization = SHA256.HashData("sops"u8);

    /// <param name="ignoreMac">sops's --ignore-mac: decrypt even when the MAC does not match.</param>
    /// <exception cref="SecretsException">No key opens it, a value does not decrypt, or the MAC is missing or wrong.</exception>
    public IReadOnlyList<SopsMap> Decrypt(SopsDocument document, string fileName, bool ignoreMac = false)
    {
        var dataKey = DataKey(document.Metadata, fileName);
        using var mac = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        if (document.Metadata.MacOnlyEncrypted)
            mac.AppendData(MacOnlyEncryptedInitialization);
        var walker = new Walker(dataKey, mac, document.Metadata.MacOnlyEncrypted);
        var plain = document.Documents.Select(d => (SopsMap)walker.Walk(d, "")).ToList();
        CheckMac(document.Metadata, dataKey, mac.GetHashAndReset(), fileName, ignoreMac);
        return plain;
    }

    private byte[] DataKey(SopsMetadata metadata, string fileName)
    {
        if (metadata.KeyGroupCount > 1)
            throw new SecretsException(SecretsFailure.NoKey, $"{fileName} uses {metadata.KeyGroupCount} key groups (Shamir), which this build cannot open yet");
        foreach (var entry in metadata.Age)
        {
            try
            {
                var key = AgeDecryptor.Decrypt(Encoding.ASCII.GetBytes(entry.Enc), ageIdentities);
                if (key.Length == 32)
                    return key;
            }
            catch (SecretsException e) when (e.Failure == SecretsFailure.NoKey)
            {
                // Not ours; try the next recipient.
            }
        }
        var recipients = metadata.Age.Select(a => a.Recipient).Concat(metadata.Pgp.Select(p => $"PGP {p.Fingerprint}")).ToList();
        throw new SecretsException(SecretsFailure.NoKey, $"no available key opens {fileName}",
            recipients.Count == 0
                ? "the file lists no keys"
                : $"it is encrypted for {string.Join(", ", recipients)}; set SOPS_AGE_KEY_FILE or SOPS_AGE_KEY to a matching age identity" +
                  (metadata.Pgp.Count > 0 ? " (PGP keys are not supported by this build yet)" : ""));
    }

    private static void CheckMac(SopsMetadata metadata, byte[] dataKey, byte[] computed, string fileName, bool ignoreMac)
    {
        if (metadata.Mac is null)
        {
            if (ignoreMac)
                return;
            throw new SecretsException(SecretsFailure.MacMissing, $"{fileName} has no MAC", "it may not be a SOPS file, or was stripped; pass --ignore-mac to read it anyway");
        }
        var (value, _) = SopsValueCipher.Decrypt(metadata.Mac, dataKey, metadata.LastModified ?? "");
        var expected = Convert.ToHexString(computed);
        if (!string.Equals(value as string, expected, StringComparison.Ordinal) && !ignoreMac)
            throw new SecretsException(SecretsFailure.MacMismatch, $"{fileName} failed its integrity check (MAC mismatch)",
                "it was changed without its key; restore it from version control, or pass --ignore-mac if you know why");
    }

    /// <summary>Walks one document, decrypting and feeding the MAC in document order.</summary>
    private sealed class Walker(byte[] dataKey, IncrementalHash mac, bool macOnlyEncrypted)
    {
        public SopsNode Walk(SopsNode node, string path) => node switch
        {
            SopsMap map => new SopsMap([.. map.Entries.Select(e => KeyValuePair.Create(e.Key, Walk(e.Value, path + e.Key + ":")))]),
            SopsList list => new SopsList([.. list.Items.Select(i => Walk(i, path))]),
            SopsScalar scalar => Leaf(scalar, path),
            _ => node,
        };

        private SopsScalar Leaf(SopsScalar scalar, string path)
        {
            if (scalar.Value is string text && SopsValueCipher.IsEncrypted(text))
            {
                var (value, plaintext) = SopsValueCipher.Decrypt(text, dataKey, path);
                mac.AppendData(plaintext);
                return new SopsScalar(value);
            }
            if (scalar.Value is string { Length: 0 })
                return scalar;
            if (scalar.Value is not null && !macOnlyEncrypted)
                mac.AppendData(MacBytes(scalar.Value));
            return scalar;
        }

        /// <summary>A clear value as sops's Go code renders it for the MAC.</summary>
        private static byte[] MacBytes(object value) => value switch
        {
            byte[] bytes => bytes,
            bool flag => Encoding.UTF8.GetBytes(flag ? "True" : "False"),
            long number => Encoding.UTF8.GetBytes(number.ToString(CultureInfo.InvariantCulture)),
            double number => Encoding.UTF8.GetBytes(GoFloat(number)),
            _ => Encoding.UTF8.GetBytes(value.ToString() ?? ""),
        };

        /// <summary>Go's FormatFloat(f, 'f', -1, 64): shortest round-trip digits, never in exponent form.</summary>
        private static string GoFloat(double number)
        {
            var text = number.ToString("R", CultureInfo.InvariantCulture);
            if (!text.Contains('E', StringComparison.Ordinal))
                return text;
            var exponent = int.Parse(text[(text.IndexOf('E', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
            return number.ToString("F" + Math.Max(0, -exponent + 17), CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        }
    }
}
