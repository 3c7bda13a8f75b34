using Hearth.Core.Addressing;
using Hearth.Dns.Records;

namespace Hearth.Dns.Lab;

/// <summary>A zone managed whole (<c>manage: all</c>) is the resource <c>dns_zone.ZONE</c>: <c>dns_zone.qt_rs</c>.</summary>
internal static class DnsZoneAddress
{
    public const string Kind = "dns_zone";

    public static ResourceAddress For(DnsName zone) => new(Kind, Core.Labs.SectionSyntax.AddressPart(zone.Value.TrimEnd('.')));
}
