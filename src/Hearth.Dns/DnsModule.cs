using Hearth.Core.Labs;
using Hearth.Core.Resources;
using Hearth.Dns.Lab;
using Hearth.Dns.Resources;

namespace Hearth.Dns;

/// <summary>What the DNS module adds to Hearth: the <c>dns_record</c> and <c>dns_zone</c> kinds and the lab's <c>dns:</c> section.</summary>
public sealed record DnsModule(IReadOnlyList<ResourceType> Kinds, IReadOnlyList<ILabSection> Sections)
{
    public static DnsModule Create() => Create(new DnsRecordResourceType());

    /// <param name="records">The record kind, made with a test's fake API when there is one.</param>
    public static DnsModule Create(DnsRecordResourceType records)
    {
        var zones = new DnsZoneResourceType(records);
        return new DnsModule([records, zones], [new DnsSection(records, zones)]);
    }
}
