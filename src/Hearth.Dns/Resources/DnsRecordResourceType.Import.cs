using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;
using Hearth.Core.Values;
using Hearth.Dns.Ownership;
using Hearth.Dns.Records;

namespace Hearth.Dns.Resources;

public sealed partial class DnsRecordResourceType
{
    /// <summary>
    /// <c>hearth import dns_record.ZONE.NAME_TYPE 'NAME TYPE'</c>: takes over the record set the lab declares at that
    /// address, as it is in the zone. The ID names the set (<c>www.lab.example. A</c>, or relative: <c>www A</c>)
    /// and must be the one the address stands for.
    /// </summary>
    public override async Task<MapValue?> ImportAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var config = request.Config ?? throw new ResourceException($"{request.Address}: its zone, name and type cannot be evaluated without a plan",
            "use `adopt: true` on the record instead, and apply");
        var zone = DnsName.Parse(config.GetString("zone")!);
        var key = KeyOf(config);
        var parts = request.Id.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !DnsRecordTypes.TryParse(parts[1].ToUpperInvariant(), out var type) ||
            new DnsRecordKey(DnsName.InZone(parts[0], zone), type) != key)
            throw new ResourceException($"`{request.Id}` is not the record set {request.Address} stands for",
                $"give its name and type: hearth import {request.Address} '{key.Name} {key.Type}'");
        var provider = _providers.Create(config.GetString("provider")!, request);
        var set = await provider.FindAsync(zone, key, cancellationToken);
        if (set is null)
            return null;
        await RefuseExternalDnsAsync(provider, zone, key, ExternalDnsLayout.From(config), cancellationToken);
        return WithSet(config.With("adopt", config.Get("adopt") ?? Value.False), set);
    }
}
