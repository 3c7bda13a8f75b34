using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Hearth.Secrets.Age;

/// <summary>An age X25519 recipient (<c>age1…</c>): the public key files are encrypted to.</summary>
public sealed record AgeRecipient : IAgeRecipient
{
    private AgeRecipient(string text, byte[] publicKey)
    {
        Text = text;
        PublicKey = publicKey;
    }

    /// <summary>The recipient as written (<c>age1…</c>).</summary>
    public string Text { get; }

    /// <summary>The 32-byte X25519 public key.</summary>
    public byte[] PublicKey { get; }

    /// <exception cref="SecretsException">Not an X25519 age recipient.</exception>
    public static AgeRecipient Parse(string text)
    {
        var trimmed = text.Trim();
        try
        {
            var (hrp, data) = Bech32.Decode(trimmed);
            if (hrp == "age" && data.Length == 32)
                return new AgeRecipient(trimmed.ToLowerInvariant(), data);
        }
        catch (FormatException)
        {
            // Reported below with the recipient kinds this build accepts.
        }
        throw new SecretsException(SecretsFailure.InvalidConfig, $"`{trimmed}` is not an age X25519 recipient",
            trimmed.StartsWith("age1pq1", StringComparison.Ordinal) || trimmed.StartsWith("ssh-", StringComparison.Ordinal)
                ? "this build encrypts to X25519 recipients (age1…) only; post-quantum, plugin and SSH recipients are not supported"
                : "an age recipient looks like age1… (see `hearth keygen`, or the `# public key:` line of a key file)");
    }

    /// <summary>An ephemeral key agreed with the recipient's, through HKDF, wraps the file key.</summary>
    AgeStanza IAgeRecipient.Wrap(ReadOnlySpan<byte> fileKey)
    {
        var ephemeral = RandomNumberGenerator.GetBytes(X25519.ScalarSize);
        var share = new byte[X25519.PointSize];
        X25519.ScalarMultBase(ephemeral, 0, share, 0);
        var shared = new byte[X25519.PointSize];
        if (!X25519.CalculateAgreement(ephemeral, 0, PublicKey, 0, shared, 0))
            throw new SecretsException(SecretsFailure.InvalidConfig, $"`{Text}` is a low-order point, not a usable recipient");
        var wrapKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, [.. share, .. PublicKey], AgeIdentity.WrapLabel);
        return new AgeStanza(AgeIdentity.StanzaType, [AgeBase64.EncodeRaw(share)], AgeFileKey.Wrap(wrapKey, fileKey));
    }

    public bool Equals(AgeRecipient? other) => other is not null && Text == other.Text;

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Text;
}
