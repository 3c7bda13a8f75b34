using Hearth.Dns.Records;

namespace Hearth.Dns.Providers.PowerDns;

/// <summary>
/// The <c>powerdns</c> provider: a zone on a PowerDNS Authoritative server, through its HTTP API. A listing is one
/// <c>GET …/zones/{zone}</c> (the zone comes with all its RRsets); a change is one <c>PATCH</c> of one RRset,
/// <c>REPLACE</c> (records and TTL together) or <c>DELETE</c>, which PowerDNS applies atomically.
/// </summary>
internal sealed class PowerDnsProvider(PowerDnsApi api) : IDnsZoneProvider
{
    public const string Kind = "powerdns";

    /// <summary>
    /// The zone's record sets of the types Hearth manages. The SOA, other types, disabled records and RRsets that do
    /// not read as valid records (PowerDNS accepts some content Hearth refuses) are left out: Hearth never changes
    /// what it cannot represent, and one odd record must not stop the whole zone from being read.
    /// </summary>
    /// <summary>Reads the whole zone: the service has no cheaper way to ask for one record set.</summary>
    public async Task<DnsRecordSet?> FindAsync(DnsName zone, DnsRecordKey key, CancellationToken cancellationToken) =>
        (await ListAsync(zone, cancellationToken)).Find(key);

    public async Task<DnsRecordSets> ListAsync(DnsName zone, CancellationToken cancellationToken)
    {
        var listing = await api.GetZoneAsync(zone, cancellationToken);
        var sets = new Dictionary<DnsRecordKey, DnsRecordSet>();
        foreach (var rrset in listing.Rrsets)
        {
            if (Read(rrset) is { } set)
                sets.TryAdd(set.Key, set);
        }
        return DnsRecordSets.Of(sets.Values);
    }

    /// <remarks>
    /// PowerDNS has no conditional write, so the set is read again just before the PATCH and compared with what
    /// Hearth expects: a change made in between from outside is caught unless it lands in that instant.
    /// </remarks>
    public async Task PutAsync(DnsName zone, DnsRecordSet set, DnsRecordSet? expected, CancellationToken cancellationToken)
    {
        if ((await ListAsync(zone, cancellationToken)).Find(set.Key) != expected)
            throw new DnsRecordChangedException(set.Key, $"{set.Key} changed on the PowerDNS server since Hearth read it (by hand, or by another tool)");
        await api.PatchAsync(zone, new PowerDnsRrset(set.Name.Value, set.Type.ToString(), set.Ttl,
            [.. set.Values.Select(v => new PowerDnsRecord(v))], "REPLACE"), cancellationToken);
    }

    /// <remarks>PowerDNS answers 204 to deleting an RRset that does not exist, so a repeated delete succeeds.</remarks>
    public Task DeleteAsync(DnsName zone, DnsRecordKey key, CancellationToken cancellationToken) =>
        api.PatchAsync(zone, new PowerDnsRrset(key.Name.Value, key.Type.ToString(), ChangeType: "DELETE"), cancellationToken);

    private static DnsRecordSet? Read(PowerDnsRrset rrset)
    {
        if (!DnsRecordTypes.TryParse(rrset.Type, out var type) || rrset.Ttl is not { } ttl)
            return null;
        var contents = (rrset.Records ?? []).Where(r => !r.Disabled).Select(r => r.Content).ToList();
        if (contents.Count == 0)
            return null;
        try
        {
            return DnsRecordSet.Create(DnsName.Parse(rrset.Name), type, ttl, contents, DnsNameContext.Absolute);
        }
        catch (DnsRecordException)
        {
            return null;
        }
    }
}
