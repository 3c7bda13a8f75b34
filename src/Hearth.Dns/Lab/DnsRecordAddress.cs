using Hearth.Core.Addressing;
using Hearth.Dns.Records;
using static Hearth.Core.Labs.SectionSyntax;

namespace Hearth.Dns.Lab;

/// <summary>
/// A record set's address, <c>dns_record.ZONE.NAME_TYPE</c> with both parts made address-safe:
/// <c>dns_record.qt_rs.k8s_A</c>, <c>dns_record.qt_rs.apex_MX</c>, <c>dns_record.qt_rs._acme-challenge_TXT</c>.
/// </summary>
internal static class DnsRecordAddress
{
    public const string Kind = "dns_record";

    public static ResourceAddress For(DnsName zone, DnsName name, DnsRecordType type)
    {
        var relative = name == zone ? "apex" : name.RelativeTo(zone).Replace("*", "wildcard", StringComparison.Ordinal);
        return new ResourceAddress(Kind, $"{AddressPart(zone.Value.TrimEnd('.'))}.{AddressPart(relative)}_{type}");
    }
}
