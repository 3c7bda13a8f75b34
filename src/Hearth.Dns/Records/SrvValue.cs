namespace Hearth.Dns.Records;

/// <summary>An SRV value: <c>priority weight port target.</c> (<c>10 5 5060 sip.qt.rs.</c>); target <c>.</c> means "no service here".</summary>
internal sealed record SrvValue(int Priority, int Weight, int Port, DnsName Target)
{
    public static SrvValue Parse(string text, DnsNameContext names, string recordName)
    {
        var parts = RecordValueText.Fields(text);
        if (parts.Length != 4)
        {
            throw RecordValueText.Malformed(recordName, DnsRecordType.SRV, text,
                "an SRV value is a priority, a weight, a port and a target", "write it as '10 5 5060 sip.example.org.'");
        }
        return new SrvValue(
            RecordValueText.UInt16(parts[0], recordName, DnsRecordType.SRV, "priority"),
            RecordValueText.UInt16(parts[1], recordName, DnsRecordType.SRV, "weight"),
            RecordValueText.UInt16(parts[2], recordName, DnsRecordType.SRV, "port"),
            RecordValueText.Host(parts[3], names, recordName, DnsRecordType.SRV));
    }

    public override string ToString() => $"{Priority} {Weight} {Port} {Target}";
}
