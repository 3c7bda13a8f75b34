using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Hearth.Secrets.Age;

/// <summary>
/// The header of an age v1 file: the intro line, one stanza per recipient, then the MAC line over all of it.
/// Parsed as strictly as age parses it, so the bytes the MAC covers have exactly one reading.
/// </summary>
internal sealed class AgeHeader
{
    private const int MacSize = 32;
    private static readonly byte[] MacLabel = "header"u8.ToArray();

    private readonly byte[] _macInput;
    private readonly byte[] _mac;

    private AgeHeader(IReadOnlyList<AgeStanza> stanzas, byte[] macInput, byte[] mac)
    {
        Stanzas = stanzas;
        _macInput = macInput;
        _mac = mac;
    }

    private static ReadOnlySpan<byte> Intro => "age-encryption.org/v1\n"u8;

    public IReadOnlyList<AgeStanza> Stanzas { get; }

    /// <summary>Encrypted with a passphrase (an scrypt stanza) rather than to recipients.</summary>
    public bool IsPassphraseEncrypted => Stanzas.Any(s => s.Type == AgeScrypt.StanzaType);

    /// <summary>Parses the header at the start of <paramref name="data"/>; false when <paramref name="data"/> ends before it does.</summary>
    /// <exception cref="SecretsException">It is not a well-formed age v1 header.</exception>
    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out AgeHeader? header, out int length)
    {
        (header, length) = (null, 0);
        var known = Math.Min(data.Length, Intro.Length);
        if (!data[..known].SequenceEqual(Intro[..known]))
            throw AgeFormat.Invalid("it does not start with age-encryption.org/v1 (nor with an armor line)");
        if (known < Intro.Length)
            return false;
        var position = known;
        var stanzas = new List<AgeStanza>();
        while (true)
        {
            var lineStart = position;
            if (!TryReadLine(data, ref position, out var line))
                return false;
            if (line.StartsWith("---"u8))
            {
                if (!line.StartsWith("--- "u8) || !AgeBase64.TryDecodeRaw(Encoding.ASCII.GetString(line[4..]), out var mac) || mac.Length != MacSize)
                    throw AgeFormat.Invalid("its header's MAC line is malformed");
                header = new AgeHeader(stanzas, data[..(lineStart + 3)].ToArray(), mac);
                length = position;
                return true;
            }
            var arguments = StanzaArguments(line);
            var body = new List<byte>();
            while (true)
            {
                if (!TryReadLine(data, ref position, out var bodyLine))
                    return false;
                if (!AgeBase64.TryDecodeRaw(Encoding.ASCII.GetString(bodyLine), out var part) || part.Length > AgeBase64.BytesPerLine)
                    throw AgeFormat.Invalid(bodyLine.StartsWith("-"u8) ? "a stanza in its header ends without a short line" : "a stanza body in its header is malformed");
                body.AddRange(part);
                if (part.Length < AgeBase64.BytesPerLine)
                    break;
            }
            stanzas.Add(new AgeStanza(arguments[0], arguments[1..], [.. body]));
        }
    }

    /// <summary>The header of a new file: the stanzas, and the MAC line that only the file key can produce.</summary>
    public static byte[] Write(byte[] fileKey, IReadOnlyList<AgeStanza> stanzas)
    {
        var text = new StringBuilder("age-encryption.org/v1\n");
        foreach (var stanza in stanzas)
            stanza.AppendTo(text);
        var macInput = Encoding.ASCII.GetBytes(text.Append("---").ToString());
        return [.. macInput, .. Encoding.ASCII.GetBytes($" {AgeBase64.EncodeRaw(Mac(fileKey, macInput))}\n")];
    }

    /// <summary>The file key from the first identity that unwraps a stanza, checked against the header's MAC.</summary>
    /// <exception cref="SecretsException">No identity opens it (<see cref="SecretsFailure.NoKey"/>), or the header was changed.</exception>
    public byte[] Open(IReadOnlyList<IAgeIdentity> identities)
    {
        foreach (var identity in identities)
        {
            if (identity.Unwrap(Stanzas) is not { } fileKey)
                continue;
            if (!CryptographicOperations.FixedTimeEquals(Mac(fileKey, _macInput), _mac))
                throw AgeFormat.Invalid("its header MAC does not match (the header was changed)");
            return fileKey;
        }
        if (!IsPassphraseEncrypted)
            throw new SecretsException(SecretsFailure.NoKey, "none of the available age identities can open it",
                "use the identity (AGE-SECRET-KEY-1…) of one of the recipients it was encrypted to");
        if (identities.Any(i => i is AgePassphraseIdentity))
            throw new SecretsException(SecretsFailure.NoKey, "the passphrase is incorrect", "check the passphrase and try again");
        throw new SecretsException(SecretsFailure.NoKey, "it is encrypted with a passphrase, not to a recipient", "decrypt it with its passphrase");
    }

    private static byte[] Mac(byte[] fileKey, byte[] macInput) =>
        HMACSHA256.HashData(HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, 32, [], MacLabel), macInput);

    /// <summary>The type and arguments of a <c>-&gt; TYPE ARGUMENTS…</c> line: single spaces between non-empty printable ASCII words.</summary>
    private static string[] StanzaArguments(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("-> "u8))
            throw AgeFormat.Invalid("its header holds a line that is neither a stanza nor the MAC");
        var words = Encoding.ASCII.GetString(line[3..]).Split(' ');
        if (line.IndexOfAnyExceptInRange((byte)' ', (byte)'~') >= 0 || words.Any(w => w.Length == 0))
            throw AgeFormat.Invalid("a stanza line in its header is malformed");
        return words;
    }

    private static bool TryReadLine(ReadOnlySpan<byte> data, ref int position, out ReadOnlySpan<byte> line)
    {
        var end = data[position..].IndexOf((byte)'\n');
        if (end < 0)
        {
            line = default;
            return false;
        }
        line = data.Slice(position, end);
        position += end + 1;
        return true;
    }
}
