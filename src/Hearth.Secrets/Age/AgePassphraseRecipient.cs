using System.Globalization;
using System.Security.Cryptography;

namespace Hearth.Secrets.Age;

/// <summary>
/// A passphrase to encrypt to (age's <c>-p</c>): anyone who knows it opens the file. It must be the file's only
/// recipient. Meant for people typing a passphrase; automation should use X25519 recipients.
/// </summary>
public sealed class AgePassphraseRecipient : IAgeRecipient
{
    private readonly byte[] _passphrase;

    /// <param name="passphrase">Not empty; encoded as UTF-8.</param>
    /// <param name="workFactor">log2 of scrypt's N, 1 to 30; age's default 18 takes about a second.</param>
    public AgePassphraseRecipient(string passphrase, int workFactor = AgeScrypt.DefaultWorkFactor)
    {
        _passphrase = AgeScrypt.Encode(passphrase, nameof(passphrase));
        AgeScrypt.CheckWorkFactor(workFactor, nameof(workFactor));
        WorkFactor = workFactor;
    }

    /// <summary>log2 of scrypt's N.</summary>
    public int WorkFactor { get; }

    bool IAgeRecipient.MustBeAlone => true;

    AgeStanza IAgeRecipient.Wrap(ReadOnlySpan<byte> fileKey)
    {
        var salt = RandomNumberGenerator.GetBytes(AgeScrypt.SaltSize);
        var wrapKey = AgeScrypt.WrapKey(_passphrase, salt, WorkFactor);
        return new AgeStanza(AgeScrypt.StanzaType, [AgeBase64.EncodeRaw(salt), WorkFactor.ToString(CultureInfo.InvariantCulture)],
            AgeFileKey.Wrap(wrapKey, fileKey));
    }

    public override string ToString() => "AgePassphraseRecipient(redacted)";
}
