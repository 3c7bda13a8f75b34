using System.Security.Cryptography;
using System.Text;
using Hearth.Secrets.Age;

namespace Hearth.Secrets.Sops;

/// <summary>
/// Opens a SOPS document: recovers the data key with an available key, decrypts every value the file's rules
/// encrypt (with its key path as additional data), and checks the MAC over all values in document order.
/// </summary>
public sealed class SopsDecryptor(IReadOnlyList<AgeIdentity> ageIdentities, IPgpKeyService? pgp = null)
{
    /// <summary>SHA-256 of "sops": fed to the MAC first when only encrypted values are covered.</summary>
    internal static readonly byte[] MacOnlyEncryptedInitialization = SHA256.HashData("sops"u8);

    /// <param name="ignoreMac">sops's --ignore-mac: decrypt even when the MAC does not match.</param>
    /// <exception cref="SecretsException">No key opens it, a value does not decrypt, or the MAC is missing or wrong.</exception>
    public IReadOnlyList<SopsMap> Decrypt(SopsDocument document, string fileName, bool ignoreMac = false) =>
        Open(document, fileName, ignoreMac).Documents;

    /// <summary>Decrypts and keeps what re-encrypting needs: the data key, and the IVs of unchanged values.</summary>
    public SopsOpened Open(SopsDocument document, string fileName, bool ignoreMac = false, CancellationToken cancellationToken = default)
    {
        var dataKey = new SopsDataKey(ageIdentities, pgp).Recover(document.Metadata, fileName, cancellationToken);
        var stash = new SopsIvStash();
        var plain = Decrypt(document, dataKey, fileName, stash, ignoreMac);
        return new SopsOpened(plain, dataKey, stash);
    }

    /// <summary>Decrypts with a data key already recovered, remembering IVs in <paramref name="stash"/>.</summary>
    public static IReadOnlyList<SopsMap> Decrypt(SopsDocument document, byte[] dataKey, string fileName, SopsIvStash? stash, bool ignoreMac)
    {
        using var mac = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        var policy = new SopsEncryptionPolicy(document.Metadata.Rules);
        if (policy.MacOnlyEncrypted)
            mac.AppendData(MacOnlyEncryptedInitialization);
        var walker = new SopsTreeWalker(policy,
            (scalar, path, encrypted) => Value(scalar, path, encrypted, dataKey, mac, policy.MacOnlyEncrypted, stash, fileName),
            (comment, path, _) => Comment(comment, path, dataKey, stash));
        var plain = document.Documents.Select(walker.Walk).ToList();
        CheckMac(document.Metadata, dataKey, mac.GetHashAndReset(), fileName, ignoreMac);
        return plain;
    }

    private static SopsScalar Value(SopsScalar scalar, string path, bool encrypted, byte[] dataKey, IncrementalHash mac, bool macOnlyEncrypted, SopsIvStash? stash,
        string fileName)
    {
        if (encrypted)
        {
            if (scalar.Value is "")
                return scalar;
            // A number or boolean where sops would have written ENC[…] too: taken as clear, it would pass the MAC
            // whenever it equals the secret, an oracle for guessing it.
            if (scalar.Value is not string text || !SopsValueCipher.IsEncrypted(text))
                throw new SecretsException(SecretsFailure.DecryptionFailed, $"{fileName}: the value at `{path.TrimEnd(':')}` should be encrypted but is not",
                    "the file was edited without sops; restore it from version control");
            try
            {
                var (value, plaintext) = SopsValueCipher.Decrypt(text, dataKey, path, stash);
                mac.AppendData(plaintext);
                return new SopsScalar(value);
            }
            catch (SecretsException e)
            {
                throw new SecretsException(e.Failure, $"{fileName}: {e.Message}", e.Hint, e.InnerException);
            }
        }
        if (!macOnlyEncrypted)
            mac.AppendData(SopsPlaintext.Bytes(scalar.Value!));
        return scalar;
    }

    /// <summary>A comment that does not decrypt is kept as it is: files from sops before 3.7 have clear comments.</summary>
    private static (SopsComment, string) Comment(SopsComment comment, string path, byte[] dataKey, SopsIvStash? stash)
    {
        if (!SopsValueCipher.IsEncrypted(comment.Text))
            return (comment, comment.Text);
        try
        {
            var (value, _) = SopsValueCipher.Decrypt(comment.Text, dataKey, path, stash);
            var text = value as string ?? comment.Text;
            return (new SopsComment(text), text);
        }
        catch (SecretsException)
        {
            return (comment, comment.Text);
        }
    }

    private static void CheckMac(SopsMetadata metadata, byte[] dataKey, byte[] computed, string fileName, bool ignoreMac)
    {
        if (metadata.Mac is null)
        {
            if (ignoreMac)
                return;
            throw new SecretsException(SecretsFailure.MacMissing, $"{fileName} has no MAC", "it may not be a SOPS file, or was stripped; pass --ignore-mac to read it anyway");
        }
        object? value;
        try
        {
            (value, _) = SopsValueCipher.Decrypt(metadata.Mac, dataKey, metadata.LastModified ?? "");
        }
        catch (SecretsException) when (ignoreMac)
        {
            return;
        }
        catch (SecretsException e)
        {
            throw new SecretsException(SecretsFailure.MacMismatch, $"{fileName} failed its integrity check (its MAC does not decrypt)",
                "it was changed without its key; restore it from version control, or pass --ignore-mac if you know why", e);
        }
        var expected = Convert.ToHexString(computed);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(value as string ?? ""), Encoding.ASCII.GetBytes(expected)) && !ignoreMac)
            throw new SecretsException(SecretsFailure.MacMismatch, $"{fileName} failed its integrity check (MAC mismatch)",
                "it was changed without its key; restore it from version control, or pass --ignore-mac if you know why");
    }
}
