namespace Hearth.Dns.Records;

/// <summary>Brings one value of any managed type to its normal written form, the form state, plans and comparisons use.</summary>
internal static class DnsRecordValue
{
    /// <exception cref="DnsRecordException">The value does not fit the type; the message says what it should look like.</exception>
    public static string Normalise(DnsRecordType type, string text, DnsNameContext names, string recordName)
    {
        switch (type)
        {
            case DnsRecordType.A:
                return AddressValue.NormaliseIpv4(text, out var problem4)
                    ?? throw new DnsRecordException(recordName, type, $"'{text.Trim()}' is not an IPv4 address: {problem4}",
                        "write an address such as 192.0.2.10 (an IPv6 address goes in an AAAA record)");
            case DnsRecordType.AAAA:
                return AddressValue.NormaliseIpv6(text, out var problem6)
                    ?? throw new DnsRecordException(recordName, type, $"'{text.Trim()}' is not an IPv6 address: {problem6}",
                        "write an address such as 2001:db8::10 (an IPv4 address goes in an A record)");
            case DnsRecordType.CNAME or DnsRecordType.NS or DnsRecordType.PTR:
                if (RecordValueText.Fields(text).Length != 1)
                    throw RecordValueText.Malformed(recordName, type, text, "the value is one host name", "write it as 'host.example.org.'");
                return RecordValueText.Host(text, names, recordName, type).Value;
            case DnsRecordType.MX:
                return MxValue.Parse(text, names, recordName).ToString();
            case DnsRecordType.SRV:
                return SrvValue.Parse(text, names, recordName).ToString();
            case DnsRecordType.CAA:
                return CaaValue.Parse(text, recordName).ToString();
            case DnsRecordType.TXT:
                var txt = TxtValue.Parse(text);
                if (!txt.FitsInRecord)
                    throw new DnsRecordException(recordName, type, $"the text is {txt.Bytes.Length} bytes; one record holds at most about 65,000", "split it over several records");
                return txt.ToString();
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }
}
