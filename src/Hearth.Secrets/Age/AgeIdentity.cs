using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Hearth.Secrets.Age;

/// <summary>An age X25519 identity (<c>AGE-SECRET-KEY-1…</c>): the private key that opens files sent to its recipient.</summary>
public sealed class AgeIdentity : IAgeIdentity
{
    internal const string StanzaType = "X25519";
    internal static readonly byte[] WrapLabel = "age-encryption.org/v1/X25519"u8.ToArray();

    private readonly byte[] _secret;

    private AgeIdentity(byte[] secret)
    {
        _secret = secret;
        var publicKey = new byte[X25519.PointSize];
        X25519.ScalarMultBase(secret, 0, publicKey, 0);
        PublicKey = publicKey;
    }

    /// <summary>The 32-byte X25519 public key (the recipient).</summary>
    public byte[] PublicKey { get; }

    /// <summary>A new identity from the system's cryptographic random generator.</summary>
    public static AgeIdentity Generate()
    {
        var secret = new byte[X25519.ScalarSize];
        RandomNumberGenerator.Fill(secret);
        return new AgeIdentity(secret);
    }

    /// <summary>The recipient (<c>age1…</c>) that files for this identity are encrypted to.</summary>
    public string Recipient => Bech32.Encode("age", PublicKey);

    /// <summary>The identity as written in key files (<c>AGE-SECRET-KEY-1…</c>). Handle with care: it is the private key.</summary>
    public string ToSecretString() => Bech32.Encode("age-secret-key-", _secret).ToUpperInvariant();

    /// <summary>A key file's content in age-keygen's layout: created and public key comments, then the identity.</summary>
    public string ToKeyFile(DateTimeOffset created) =>
        $"# created: {created:yyyy-MM-ddTHH:mm:sszzz}\n# public key: {Recipient}\n{ToSecretString()}\n";

    /// <exception cref="FormatException">Not an age secret key.</exception>
    public static AgeIdentity Parse(string text)
    {
        var (hrp, data) = Bech32.Decode(text.Trim());
        if (hrp != "age-secret-key-" || data.Length != X25519.ScalarSize)
            throw new FormatException("not an age X25519 secret key (AGE-SECRET-KEY-1…)");
        return new AgeIdentity(data);
    }

    /// <summary>Every identity in an identity file's text: one per line, blank lines and # comments ignored.</summary>
    public static IReadOnlyList<AgeIdentity> ParseFile(string text) =>
        [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("AGE-SECRET-KEY-1", StringComparison.Ordinal)).Select(Parse)];

    byte[]? IAgeIdentity.Unwrap(IReadOnlyList<AgeStanza> stanzas)
    {
        foreach (var stanza in stanzas)
        {
            if (stanza.Type != StanzaType)
                continue;
            if (stanza.Arguments.Count != 1 || !AgeBase64.TryDecodeRaw(stanza.Arguments[0], out var share)
                || share.Length != X25519.PointSize || stanza.Body.Length != AgeFileKey.WrappedSize)
                throw AgeFormat.Invalid("its X25519 stanza is malformed");
            var shared = new byte[X25519.PointSize];
            if (!X25519.CalculateAgreement(_secret, 0, share, 0, shared, 0))
                throw AgeFormat.Invalid("its X25519 stanza holds a low-order point");
            var wrapKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, [.. share, .. PublicKey], WrapLabel);
            if (AgeFileKey.Unwrap(wrapKey, stanza.Body) is { } fileKey)
                return fileKey;
        }
        return null;
    }

    public override string ToString() => "AgeIdentity(redacted)";
}
