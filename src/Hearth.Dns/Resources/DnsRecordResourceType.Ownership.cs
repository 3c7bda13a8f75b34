using Hearth.Core.Diagnostics;
using Hearth.Dns.Ownership;
using Hearth.Dns.Providers;
using Hearth.Dns.Records;

namespace Hearth.Dns.Resources;

public sealed partial class DnsRecordResourceType
{
    /// <summary>
    /// A record set ExternalDNS owns (by its TXT registry, any owner) is never taken over, even with <c>adopt</c>:
    /// ExternalDNS would keep changing it back, or delete it when its source goes away.
    /// </summary>
    private static async Task RefuseExternalDnsAsync(IDnsZoneProvider provider, DnsName zone, DnsRecordKey key, ExternalDnsLayout layout, CancellationToken cancellationToken)
    {
        if (ExternalDnsRegistry.OwnerOf(key, await provider.ListAsync(zone, cancellationToken), layout) is { } owner)
            throw new ResourceException($"{key.Name} {key.Type} is {owner}: left alone",
                "remove the record from the lab; ExternalDNS manages it (from an annotated Ingress or Service in the cluster)");
    }
}
