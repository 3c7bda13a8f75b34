using System.Text;

namespace Hearth.Dns.Records;

/// <summary>
/// A TXT value. The model is the logical string: the concatenation of its character-strings, which is how SPF,
/// DKIM and DMARC readers (and Cloudflare's content field) treat TXT data. So <c>"a" "b"</c> and <c>ab</c> are the
/// same value, and the written form splits the bytes afresh into strings of at most 255 bytes, never inside a UTF-8
/// character, each quoted with <c>"</c> and <c>\</c> escaped. The cost: a TXT whose meaning depends on where its
/// strings break (rare; no common protocol) is rewritten with the breaks at 255 bytes.
/// </summary>
internal sealed class TxtValue
{
    public const int MaxStringBytes = 255;

    // A record's data is at most 65535 bytes: each string costs its length plus one length byte.
    private const int MaxDataBytes = 65535;

    private readonly byte[] _bytes;

    private TxtValue(byte[] bytes) => _bytes = bytes;

    /// <summary>The logical string's bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The logical string as text (bytes that are not UTF-8 become U+FFFD).</summary>
    public string Text => Encoding.UTF8.GetString(_bytes);

    /// <summary>Exactly this text, whatever it contains: quotes and backslashes are data, not syntax.</summary>
    public static TxtValue FromText(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>The value of these character-strings, joined.</summary>
    public static TxtValue FromStrings(IEnumerable<byte[]> strings) => new([.. strings.SelectMany(s => s)]);

    /// <summary>
    /// Reads a value as the lab, APIs and servers give it: text that is entirely quoted strings
    /// (<c>"v=spf1 -all"</c>, <c>"part one" "part two"</c>, with presentation escapes) is read as those strings;
    /// anything else is the text itself. To store text that itself looks quoted, quote it: <c>"\"a\""</c>.
    /// </summary>
    public static TxtValue Parse(string text)
    {
        if (text.TrimStart().StartsWith('"') && CharacterString.TryParseQuotedSequence(text) is { } strings)
            return FromStrings(strings);
        return FromText(text);
    }

    /// <summary>The character-strings the value is sent as: 255-byte pieces, cut between UTF-8 characters; one empty string for empty text.</summary>
    public IReadOnlyList<byte[]> Split()
    {
        var strings = new List<byte[]>();
        var start = 0;
        while (start < _bytes.Length)
        {
            var end = start;
            while (end < _bytes.Length)
            {
                var length = CharacterString.SequenceLength(_bytes, end);
                if (end + length - start > MaxStringBytes)
                    break;
                end += length;
            }
            strings.Add(_bytes[start..end]);
            start = end;
        }
        if (strings.Count == 0)
            strings.Add([]);
        return strings;
    }

    /// <summary>True when the value fits in one record's data.</summary>
    public bool FitsInRecord => Split().Sum(s => s.Length + 1) <= MaxDataBytes;

    /// <summary>The normal written form: <c>"piece one" "piece two"</c>.</summary>
    public override string ToString() => string.Join(' ', Split().Select(s => CharacterString.Quote(s)));
}
