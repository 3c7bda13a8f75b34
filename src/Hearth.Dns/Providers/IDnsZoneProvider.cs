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

    /// <summary>Creates or replaces the record set at <paramref name="set"/>'s name and type.</summary>
    Task PutAsync(DnsName zone, DnsRecordSet set, CancellationToken cancellationToken);

    /// <summary>Removes the record set; removing one that is already gone succeeds.</summary>
    Task DeleteAsync(DnsName zone, DnsRecordKey key, CancellationToken cancellationToken);
}
