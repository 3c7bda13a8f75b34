using System.Globalization;

namespace Hearth.Secrets.Age;

/// <summary>A passphrase that opens files encrypted with it (age's <c>-p</c>).</summary>
public sealed class AgePassphraseIdentity : IAgeIdentity
{
    private readonly byte[] _passphrase;

    /// <param name="passphrase">Not empty; encoded as UTF-8.</param>
    /// <param name="maxWorkFactor">
    /// The largest scrypt work factor (log2 of N) to accept: a file may ask for any, and 2^22 already takes about 15
    /// seconds and 4 GiB of memory. age's default, 22, is the default here.
    /// </param>
    public AgePassphraseIdentity(string passphrase, int maxWorkFactor = AgeScrypt.DefaultMaxWorkFactor)
    {
        _passphrase = AgeScrypt.Encode(passphrase, nameof(passphrase));
        AgeScrypt.CheckWorkFactor(maxWorkFactor, nameof(maxWorkFactor));
        MaxWorkFactor = maxWorkFactor;
    }

    /// <summary>The largest scrypt work factor accepted.</summary>
    public int MaxWorkFactor { get; }

    byte[]? IAgeIdentity.Unwrap(IReadOnlyList<AgeStanza> stanzas)
    {
        if (stanzas.All(s => s.Type != AgeScrypt.StanzaType))
            return null;
        if (stanzas.Count != 1)
            throw AgeFormat.Invalid("its passphrase (scrypt) stanza is not the only one, as age requires");
        var stanza = stanzas[0];
        if (stanza.Arguments.Count != 2 || !AgeBase64.TryDecodeRaw(stanza.Arguments[0], out var salt) || salt.Length != AgeScrypt.SaltSize
            || stanza.Body.Length != AgeFileKey.WrappedSize)
            throw AgeFormat.Invalid("its scrypt stanza is malformed");
        var workFactor = ParseWorkFactor(stanza.Arguments[1]);
        if (workFactor > MaxWorkFactor)
            throw new SecretsException(SecretsFailure.InvalidFile,
                $"its passphrase needs an scrypt work factor of {workFactor} (N = 2^{workFactor}), above the limit of {MaxWorkFactor}",
                "age's own limit is 22 as well: 2^22 already takes about 15 seconds and 4 GiB of memory, and age writes 18");
        return AgeFileKey.Unwrap(AgeScrypt.WrapKey(_passphrase, salt, workFactor), stanza.Body);
    }

    /// <summary>A decimal without leading zeros or sign, as age writes it (no other spelling of the same header).</summary>
    private static int ParseWorkFactor(string text)
    {
        if (text.Length is 0 or > 2 || text[0] == '0' || !text.All(char.IsAsciiDigit))
            throw AgeFormat.Invalid($"its scrypt work factor `{text}` is not a number from 1 to 99");
        return int.Parse(text, CultureInfo.InvariantCulture);
    }

    public override string ToString() => "AgePassphraseIdentity(redacted)";
}
