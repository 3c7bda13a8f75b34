using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Hearth.Secrets.Age;

/// <summary>An age X25519 identity (<c>AGE-SECRET-KEY-1…</c>): the private key that opens files sent to its recipient.</summary>
public sealed class AgeIdentity
{
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
        System.Security.Cryptography.RandomNumberGenerator.Fill(secret);
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

    /// <summary>X25519(secret, point): the shared secret with another key.</summary>
    internal byte[] Agree(byte[] point)
    {
        var shared = new byte[X25519.PointSize];
        if (!X25519.CalculateAgreement(_secret, 0, point, 0, shared, 0))
            throw new System.Security.Cryptography.CryptographicException("X25519 agreement produced the all-zero value");
        return shared;
    }

    public override string ToString() => "AgeIdentity(redacted)";
}
