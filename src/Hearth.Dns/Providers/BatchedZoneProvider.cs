using Hearth.Dns.Records;

namespace Hearth.Dns.Providers;

/// <summary>A batching provider seen as a plain one: reads go straight through, changes through the zone's shared batcher.</summary>
internal sealed class BatchedZoneProvider(IBatchingDnsZoneProvider provider, Func<DnsName, DnsWriteBatcher> batcherFor) : IDnsZoneProvider
{
    public Task<DnsRecordSets> ListAsync(DnsName zone, CancellationToken cancellationToken) => provider.ListAsync(zone, cancellationToken);

    public Task<DnsRecordSet?> FindAsync(DnsName zone, DnsRecordKey key, CancellationToken cancellationToken) =>
        provider.FindAsync(zone, key, cancellationToken);

    public Task PutAsync(DnsName zone, DnsRecordSet set, DnsRecordSet? expected, CancellationToken cancellationToken) =>
        batcherFor(zone).SubmitAsync(new DnsZoneChange.Put(set, expected), cancellationToken);

    public Task DeleteAsync(DnsName zone, DnsRecordKey key, CancellationToken cancellationToken) =>
        batcherFor(zone).SubmitAsync(new DnsZoneChange.Delete(key), cancellationToken);
}
