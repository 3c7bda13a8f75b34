using System.Collections.Immutable;
using Hearth.Core.Resources;
using Hearth.Core.Values;
using Hearth.Dns.Lab;
using Hearth.Dns.Ownership;
using Hearth.Dns.Records;

namespace Hearth.Dns.Resources;

/// <summary>
/// <c>dns_zone</c>: a zone the lab manages whole (<c>manage: all</c>). The resource itself only records that choice;
/// what it does happens at plan time: every record set the zone holds that the lab does not declare is planned for
/// deletion, one <c>dns_record</c> deletion each, so the plan shows them all. Never planned for deletion: the apex NS
/// (the zone's own servers), ExternalDNS's records and its TXT registry entries, and types Hearth does not manage.
/// </summary>
public sealed class DnsZoneResourceType(DnsRecordResourceType records) : ResourceType, IDiscoversUndeclared
{
    public override string Kind => DnsZoneAddress.Kind;

    public override string Description => "A DNS zone the lab manages whole (manage: all); made by the lab's dns: section.";

    public override ResourceSchema Schema { get; } = new(ImmutableArray.Create(
        new AttributeSchema("zone", AttributeType.String, AttributeUse.Required, "The zone, e.g. qt.rs.", ForcesReplacement: true),
        new AttributeSchema("provider", AttributeType.String, AttributeUse.Required, "The zone's provider."),
        new AttributeSchema("manage", AttributeType.String, AttributeUse.Required, "all: records the lab does not declare are deleted."),
        new AttributeSchema(ExternalDnsLayout.PrefixAttribute, AttributeType.String, AttributeUse.Optional, "ExternalDNS's --txt-prefix in this zone."),
        new AttributeSchema(ExternalDnsLayout.SuffixAttribute, AttributeType.String, AttributeUse.Optional, "ExternalDNS's --txt-suffix in this zone."),
        new AttributeSchema("id", AttributeType.String, AttributeUse.Computed, "The zone.")));

    public override MapValue Plan(PlanRequest request) =>
        base.Plan(request).With("id", request.Config.Get("zone") ?? Value.Unknown);

    public async Task<IReadOnlyList<UndeclaredObject>> DiscoverAsync(DiscoverRequest request, CancellationToken cancellationToken)
    {
        var zone = DnsName.Parse(request.Config.GetString("zone")!);
        var providerName = request.Config.GetString("provider")!;
        var sets = await records.Providers.Create(providerName, request).ListAsync(zone, cancellationToken);
        var found = new List<UndeclaredObject>();
        foreach (var set in sets)
        {
            if (IsKeptWhole(zone, set, sets, ExternalDnsLayout.From(request.Config)))
                continue;
            var address = DnsRecordAddress.For(zone, set.Name, set.Type);
            if (!request.Known.Contains(address))
                found.Add(new UndeclaredObject(address, DnsRecordResourceType.AttributesOf(zone, providerName, set)));
        }
        return found;
    }

    /// <summary>What stays in a zone the lab manages whole even though the lab does not declare it.</summary>
    private static bool IsKeptWhole(DnsName zone, DnsRecordSet set, DnsRecordSets sets, ExternalDnsLayout layout) =>
        (set.Type == DnsRecordType.NS && set.Name == zone) ||
        ExternalDnsRegistry.OwnerOf(set.Key, sets, layout) is not null ||
        ExternalDnsRegistry.IsRegistryEntry(set, sets, layout);

    public override Task<MapValue?> ReadAsync(ReadRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<MapValue?>(request.Prior); // Nothing lives behind it but the choice; the zone's records are read by discovery.

    public override Task<MapValue> CreateAsync(CreateRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.Planned);

    public override Task<MapValue> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.Planned);

    /// <summary>Going back to <c>manage: owned</c> deletes nothing: the zone's records simply stop being swept.</summary>
    public override Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken) => Task.CompletedTask;
}
