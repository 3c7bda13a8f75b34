using Hearth.Dns.Records;
using Hearth.Dns.ZoneFiles;

namespace Hearth.Dns.Tests.ZoneFiles;

/// <summary>Zones the zone-file tests share.</summary>
internal static class ZoneSamples
{
    public static readonly DnsName Zone = DnsName.Parse("qt.rs");

    /// <summary>A TXT value that needs splitting, escaping and care with multi-byte characters.</summary>
    public static readonly string LongText =
        "v=DKIM1; k=rsa; p=" + new string('M', 230) + "é\"quoted\" back\\slash " + new string('€', 100) + " end 😀";

    /// <summary>Every managed type, valid for BIND's strictest checks (in-zone MX/SRV/NS targets have addresses).</summary>
    public static ZoneFile EveryType()
    {
        DnsRecordSet[] sets =
        [
            Lab("@", "NS", 3600, "ns1", "ns2.example.org."),
            Lab("@", "A", 300, "192.0.2.1"),
            Lab("@", "AAAA", 300, "2001:db8::1"),
            Lab("@", "MX", 300, "10 mx1", "20 mx2.qt.rs.", "30 mail.example.org."),
            Lab("@", "TXT", 300, "v=spf1 mx -all", LongText),
            Lab("@", "CAA", 3600, "0 issue \"letsencrypt.org\"", "0 issuewild \";\"", "128 iodef \"mailto:ca@qt.rs\""),
            Lab("ns1", "A", 300, "192.0.2.53"),
            Lab("mx1", "A", 300, "192.0.2.25"),
            Lab("mx2", "AAAA", 300, "2001:db8::25"),
            Lab("k8s", "A", 60, "192.0.2.10", "192.0.2.11"),
            Lab("k8s", "AAAA", 60, "2001:db8:0:0:1::10"),
            Lab("www", "CNAME", 300, "k8s"),
            Lab("*.apps", "CNAME", 300, "k8s.qt.rs."),
            Lab("_sip._tcp", "SRV", 300, "10 5 5060 sip", "20 0 5060 sip.example.org."),
            Lab("sip", "A", 300, "192.0.2.60"),
            Lab("_acme-challenge.www", "TXT", 120, "\"abc\" \"def\""),
            Lab("lab", "NS", 86400, "ns1.lab.qt.rs."),
            Lab("ns1.lab", "A", 86400, "192.0.2.99"),
            Lab("1.2.0.192.in-addr", "PTR", 300, "k8s"),
        ];
        var soa = new SoaRecord(DnsName.Parse("ns1.qt.rs"), DnsName.Parse("hostmaster.qt.rs"), 2024010100, 3600, 600, 1_209_600, 300, 3600);
        return new ZoneFile(Zone, 300, soa, DnsRecordSets.Of(sets));
    }

    public static DnsRecordSet Lab(string name, string type, long ttl, params string[] values) =>
        DnsRecordSet.FromLab(Zone, name, type, ttl, values);
}
