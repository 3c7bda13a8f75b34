using Hearth.Dns.Records;

namespace Hearth.Dns.Providers;

/// <summary>
/// A provider that can make many changes to a zone in one request (one DNS UPDATE, one rewrite of a zone file),
/// all or none of them. Changes submitted at about the same time are gathered by a <see cref="DnsWriteBatcher"/>.
/// </summary>
internal interface IBatchingDnsZoneProvider : IDnsZoneProvider
{
    /// <summary>Names the server or file the changes go to, so changes for the same one share a batcher.</summary>
    string Target { get; }

    /// <summary>What one request may carry, in the units of <see cref="CostOf"/>.</summary>
    int BatchBudget { get; }

    /// <summary>A change's share of <see cref="BatchBudget"/> (for DNS UPDATE, about its bytes on the wire).</summary>
    int CostOf(DnsZoneChange change);

    /// <summary>Makes every change, or none: a failure leaves the zone as it was.</summary>
    /// <exception cref="DnsRecordChangedException">A record set is no longer what its change expected.</exception>
    /// <exception cref="Core.Diagnostics.ResourceException">The service refused or failed the request.</exception>
    Task ApplyAsync(DnsName zone, IReadOnlyList<DnsZoneChange> changes, CancellationToken cancellationToken);

    /// <summary>One change on its own: a request of one.</summary>
    Task IDnsZoneProvider.PutAsync(DnsName zone, DnsRecordSet set, DnsRecordSet? expected, CancellationToken cancellationToken) =>
        ApplyAsync(zone, [new DnsZoneChange.Put(set, expected)], cancellationToken);

    /// <summary>One deletion on its own: a request of one.</summary>
    Task IDnsZoneProvider.DeleteAsync(DnsName zone, DnsRecordKey key, CancellationToken cancellationToken) =>
        ApplyAsync(zone, [new DnsZoneChange.Delete(key)], cancellationToken);
}
