using Hearth.Dns.Records;

namespace Hearth.Dns.Providers;

/// <summary>
/// One DNS service's view of a zone: every record set in one listing (paged inside when the API pages), and
/// changes to one record set at a time.
/// </summary>
internal interface IDnsZoneProvider
{
    /// <exception cref="Core.Diagnostics.ResourceException">The zone cannot be read (missing, no access).</exception>
    Task<DnsRecordSets> ListAsync(DnsName zone, CancellationToken cancellationToken);

    /// <summary>
    /// The record set at <paramref name="key"/>, or null when the zone holds none. Providers with an API filter by
    /// name and type (one call) rather than reading the whole zone.
    /// </summary>
    Task<DnsRecordSet?> FindAsync(DnsName zone, DnsRecordKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Creates or replaces the record set at <paramref name="set"/>'s name and type, provided the zone still holds
    /// <paramref name="expected"/> there: the set Hearth last saw (from state or the refresh), or null when it saw none.
    /// </summary>
    /// <exception cref="Core.Diagnostics.ResourceException">
    /// The zone holds something else at that name and type (changed behind Hearth's back since it was read: plan
    /// again), or the service refused or failed the change.
    /// </exception>
    Task PutAsync(DnsName zone, DnsRecordSet set, DnsRecordSet? expected, CancellationToken cancellationToken);

    /// <summary>Removes the record set; removing one that is already gone succeeds.</summary>
    Task DeleteAsync(DnsName zone, DnsRecordKey key, CancellationToken cancellationToken);
}
