using System.Text;

namespace Hearth.Dns.Records;

/// <summary>
/// DNS presentation format for character-strings (RFC 1035 §5.1), as zone files, dig and nsupdate write TXT and
/// CAA values: <c>\X</c> stands for X, <c>\DDD</c> for the byte with that decimal value; inside quotes anything
/// else is itself. Strings are bytes; valid UTF-8 is written as text, other non-printable bytes as <c>\DDD</c>.
/// </summary>
internal static class CharacterString
{
    /// <summary>
    /// Reads text that is nothing but quoted strings separated by blanks (<c>"a" "b"</c>); null when anything else
    /// is there, including an unterminated quote.
    /// </summary>
    public static List<byte[]>? TryParseQuotedSequence(string text)
    {
        var strings = new List<byte[]>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
                i++;
            if (i == text.Length)
                return strings.Count > 0 ? strings : null;
            if (text[i] != '"')
                return null;
            var end = FindClosingQuote(text, i + 1);
            if (end < 0 || (end + 1 < text.Length && !char.IsWhiteSpace(text[end + 1])))
                return null;
            var bytes = Unescape(text[(i + 1)..end], out _);
            if (bytes is null)
                return null;
            strings.Add(bytes);
            i = end + 1;
        }
    }

    /// <summary>The index of the quote that closes a string whose content starts at <paramref name="start"/>, or -1.</summary>
    public static int FindClosingQuote(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '\\')
                i++;
            else if (text[i] == '"')
                return i;
        }
        return -1;
    }

    /// <summary>Undoes presentation escapes in a string's content (without its quotes); null with the reason when malformed.</summary>
    public static byte[]? Unescape(string content, out string? problem)
    {
        problem = null;
        var bytes = new List<byte>(content.Length);
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < content.Length;)
        {
            if (content[i] == '\\')
            {
                if (i + 1 == content.Length)
                {
                    problem = "a backslash ends the string; write \\\\ for a backslash";
                    return null;
                }
                if (i + 3 < content.Length && char.IsAsciiDigit(content[i + 1]) && char.IsAsciiDigit(content[i + 2]) && char.IsAsciiDigit(content[i + 3]))
                {
                    var value = ((content[i + 1] - '0') * 100) + ((content[i + 2] - '0') * 10) + (content[i + 3] - '0');
                    if (value > 255)
                    {
                        problem = $"\\{content.Substring(i + 1, 3)} is not a byte (at most \\255)";
                        return null;
                    }
                    bytes.Add((byte)value);
                    i += 4;
                    continue;
                }
                if (char.IsAsciiDigit(content[i + 1]))
                {
                    problem = "a backslash followed by a digit needs three digits (\\DDD, a byte in decimal)";
                    return null;
                }
                i++;
            }
            Rune.DecodeFromUtf16(content.AsSpan(i), out var rune, out var consumed);
            var written = rune.EncodeToUtf8(buffer);
            for (var b = 0; b < written; b++)
                bytes.Add(buffer[b]);
            i += consumed;
        }
        return [.. bytes];
    }

    /// <summary>Writes bytes as one quoted string, escaping <c>"</c> and <c>\</c>, and bytes that are not printable text as <c>\DDD</c>.</summary>
    public static string Quote(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length + 2).Append('"');
        for (var i = 0; i < bytes.Length;)
        {
            var status = Rune.DecodeFromUtf8(bytes[i..], out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done && rune.Value >= 0x80 && !Rune.IsControl(rune))
            {
                text.Append(rune.ToString());
                i += consumed;
                continue;
            }
            var b = bytes[i];
            if (b is (byte)'"' or (byte)'\\')
                text.Append('\\').Append((char)b);
            else if (b is >= 0x20 and < 0x7f)
                text.Append((char)b);
            else
                text.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            i++;
        }
        return text.Append('"').ToString();
    }

    /// <summary>The length in bytes of the UTF-8 sequence starting at <paramref name="index"/>; 1 for a byte that starts none.</summary>
    public static int SequenceLength(ReadOnlySpan<byte> bytes, int index)
    {
        var status = Rune.DecodeFromUtf8(bytes[index..], out _, out var consumed);
        return status == System.Buffers.OperationStatus.Done ? consumed : 1;
    }
}
