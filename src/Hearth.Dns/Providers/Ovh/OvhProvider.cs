using Hearth.Dns.Records;

namespace Hearth.Dns.Providers.Ovh;

/// <summary>
/// The <c>ovh</c> provider. OVH keeps one record per value; Hearth groups them by name and type into record sets.
/// The API has no bulk read: a listing is one call for the ids and one per record (read a few at a time); a lookup
/// filters the ids by name and type first. A change reads the name and type, makes the fewest calls that bring it to
/// the set (records keeping a wanted value are left alone or get a new TTL, records with unwanted values are
/// re-pointed to missing ones, the rest created or deleted). OVH stages changes and resolvers see none of them before
/// the zone is published with <c>refresh</c>: changes made at about the same time are made together and published
/// with one refresh (see <see cref="DnsWriteBatcher"/>).
/// </summary>
internal sealed partial class OvhProvider(OvhClient client) : IBatchingDnsZoneProvider
{
    public const string Kind = OvhSettings.Kind;

    /// <summary>Record reads in flight at once during a listing: enough to hide latency, few enough not to be rate limited.</summary>
    public const int ReadParallelism = 4;

    public async Task<DnsRecordSets> ListAsync(DnsName zone, CancellationToken cancellationToken)
    {
        var records = await ReadAsync(zone, null, $"listing the records of {zone}", cancellationToken);
        return DnsRecordSets.Of(records
            .Select(r => (Record: r, Ok: OvhRecordMapping.TryType(r.FieldType, out var type), Type: type, Name: OvhRecordMapping.NameOf(r, zone)))
            .Where(r => r.Ok && r.Name is not null)
            .GroupBy(r => (r.Name!, r.Type))
            .Select(g => SetOf(zone, g.Key.Item1, g.Key.Type, g.Select(r => r.Record)))
            .OfType<DnsRecordSet>());
    }

    public async Task<DnsRecordSet?> FindAsync(DnsName zone, DnsRecordKey key, CancellationToken cancellationToken) =>
        SetOf(zone, key.Name, key.Type, await ReadAsync(zone, key, $"reading {key}", cancellationToken));

    /// <summary>The zone's records, or those at <paramref name="key"/>: the ids, then each record (one gone in between is skipped).</summary>
    private async Task<List<OvhRecord>> ReadAsync(DnsName zone, DnsRecordKey? key, string what, CancellationToken cancellationToken)
    {
        var name = Bare(zone);
        var ids = await client.RetryAsync(what, async token => await client.RecordIdsOnceAsync(name,
            key?.Type.ToString(), key is { } k ? OvhRecordMapping.SubDomain(k.Name, zone) : null, token), cancellationToken);
        var records = new OvhRecord?[ids.Count];
        await Parallel.ForAsync(0, ids.Count, new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken }, async (i, token) =>
        {
            records[i] = await client.RetryAsync(what, async t =>
            {
                try
                {
                    return await client.RecordOnceAsync(name, ids[i], t);
                }
                catch (OvhApiException e) when (e.IsNotFound)
                {
                    return null; // Deleted between the listing and the read.
                }
            }, token);
        });
        return [.. records.OfType<OvhRecord>()];
    }

    /// <summary>
    /// Creates one record. After an attempt that may have gone through, the next attempt first reads the name and
    /// type and stops if the value is there (the id OVH answers with is not relied on: it has been 0 at times).
    /// </summary>
    private Task CreateAsync(DnsName zone, DnsRecordSet set, string value, CancellationToken cancellationToken)
    {
        var name = Bare(zone);
        var body = new OvhRecord { FieldType = set.Type.ToString(), SubDomain = OvhRecordMapping.SubDomain(set.Name, zone), Target = value, Ttl = set.Ttl };
        var uncertain = false;
        return client.RetryAsync($"creating {set.Key} {value}", async token =>
        {
            if (uncertain)
            {
                foreach (var id in await client.RecordIdsOnceAsync(name, body.FieldType, body.SubDomain, token))
                {
                    if (OvhRecordMapping.ValueOf(await client.RecordOnceAsync(name, id, token), set.Type, zone, set.Name) == value)
                        return true;
                }
            }
            try
            {
                await client.CreateOnceAsync(name, body, token);
            }
            catch (OvhTransientException e) when (e.MayHaveCommitted)
            {
                uncertain = true;
                throw;
            }
            return true;
        }, cancellationToken);
    }

    private Task UpdateAsync(string zone, long id, OvhRecord fields, DnsRecordKey key, CancellationToken cancellationToken) =>
        client.RetryAsync($"updating {key}", async token => await client.UpdateOnceAsync(zone, id, fields, token), cancellationToken);

    private Task DeleteRecordAsync(string zone, long id, DnsRecordKey key, CancellationToken cancellationToken) =>
        client.RetryAsync($"deleting {key}", async token =>
        {
            try
            {
                await client.DeleteOnceAsync(zone, id, token);
            }
            catch (OvhApiException e) when (e.IsNotFound)
            {
                // Gone already: an earlier attempt went through after all.
            }
            return true;
        }, cancellationToken);

    private Task RefreshAsync(DnsName zone, CancellationToken cancellationToken) =>
        client.RetryAsync($"publishing {zone} (refresh)", async token => await client.RefreshOnceAsync(Bare(zone), token), cancellationToken);

    /// <summary>
    /// One set from OVH's records of one name and type; null when none of them can be read. The TTL comes from the
    /// first record in value order: records made by hand with different TTLs read as that one's, and the next change
    /// to the set brings them all in line.
    /// </summary>
    private static DnsRecordSet? SetOf(DnsName zone, DnsName name, DnsRecordType type, IEnumerable<OvhRecord> records)
    {
        var readable = records
            .Select(r => (Record: r, Value: OvhRecordMapping.ValueOf(r, type, zone, name)))
            .Where(r => r.Value is not null)
            .OrderBy(r => r.Value, StringComparer.Ordinal)
            .DistinctBy(r => r.Value)
            .ToList();
        if (readable.Count == 0)
            return null;
        try
        {
            return DnsRecordSet.Create(name, type, OvhRecordMapping.TtlOf(readable[0].Record), readable.Select(r => r.Value!), DnsNameContext.Absolute);
        }
        catch (DnsRecordException)
        {
            return null; // A set the model cannot hold (two CNAME targets made by hand): left out, never a failed listing.
        }
    }

    private static string Bare(DnsName zone) => zone.Value.TrimEnd('.');
}
