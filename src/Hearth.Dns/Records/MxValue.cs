namespace Hearth.Dns.Records;

/// <summary>An MX value: <c>preference exchange.</c> (<c>10 mx1.qt.rs.</c>); <c>0 .</c> is RFC 7505's null MX.</summary>
internal sealed record MxValue(int Preference, DnsName Exchange)
{
    public static MxValue Parse(string text, DnsNameContext names, string recordName)
    {
        var parts = RecordValueText.Fields(text);
        if (parts.Length != 2)
            throw RecordValueText.Malformed(recordName, DnsRecordType.MX, text, "an MX value is a preference and a host", "write it as '10 mx1.example.org.'");
        var preference = RecordValueText.UInt16(parts[0], recordName, DnsRecordType.MX, "preference");
        var exchange = RecordValueText.Host(parts[1], names, recordName, DnsRecordType.MX);
        return new MxValue(preference, exchange);
    }

    public override string ToString() => $"{Preference} {Exchange}";
}
