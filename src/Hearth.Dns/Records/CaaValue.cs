using System.Text;

namespace Hearth.Dns.Records;

/// <summary>
/// A CAA value (RFC 8659): <c>flags tag "value"</c>, written with the tag in lower case (tags match without case)
/// and the value always quoted: <c>0 issue "letsencrypt.org"</c>, <c>128 iodef "mailto:ca@qt.rs"</c>.
/// </summary>
internal sealed record CaaValue(int Flags, string Tag, string Value)
{
    private const int MaxTagLength = 15;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static CaaValue Parse(string text, string recordName)
    {
        var trimmed = text.Trim();
        var firstBlank = trimmed.IndexOfAny([' ', '\t']);
        var rest = firstBlank < 0 ? "" : trimmed[firstBlank..].TrimStart();
        var secondBlank = rest.IndexOfAny([' ', '\t']);
        if (firstBlank < 0 || secondBlank < 0)
        {
            throw RecordValueText.Malformed(recordName, DnsRecordType.CAA, text,
                "a CAA value is flags, a tag and a value", "write it as '0 issue \"letsencrypt.org\"'");
        }
        var flags = RecordValueText.Number(trimmed[..firstBlank], 255, recordName, DnsRecordType.CAA, "flags");
        var tag = rest[..secondBlank];
        if (tag.Length > MaxTagLength || !tag.All(char.IsAsciiLetterOrDigit))
        {
            throw RecordValueText.Malformed(recordName, DnsRecordType.CAA, text,
                $"the tag '{tag}' is not 1 to {MaxTagLength} letters and digits", "use issue, issuewild or iodef");
        }
        var value = ReadValue(rest[secondBlank..].Trim(), text, recordName);
        return new CaaValue(flags, tag.ToLowerInvariant(), value);
    }

    private static string ReadValue(string written, string text, string recordName)
    {
        string content;
        if (written.StartsWith('"'))
        {
            if (CharacterString.FindClosingQuote(written, 1) != written.Length - 1)
            {
                throw RecordValueText.Malformed(recordName, DnsRecordType.CAA, text,
                    "the value is not one quoted string", "quote the whole value and write \\\" for a quote inside it");
            }
            content = written[1..^1];
        }
        else if (written.Any(char.IsWhiteSpace))
        {
            throw RecordValueText.Malformed(recordName, DnsRecordType.CAA, text, "a value with blanks must be quoted", "write it as \"…\"");
        }
        else
        {
            content = written;
        }
        var bytes = CharacterString.Unescape(content, out var problem)
            ?? throw RecordValueText.Malformed(recordName, DnsRecordType.CAA, text, problem!, null);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw RecordValueText.Malformed(recordName, DnsRecordType.CAA, text, "the value holds bytes that are not UTF-8 text", null);
        }
    }

    public override string ToString() => $"{Flags} {Tag} {CharacterString.Quote(Encoding.UTF8.GetBytes(Value))}";
}
