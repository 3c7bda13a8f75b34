using Hearth.Dns.Records;

namespace Hearth.Dns.Providers.Cloudflare;

/// <summary>
/// The <c>cloudflare</c> provider. Cloudflare keeps one record per value; Hearth groups them by name and type into
/// record sets. A listing is one zone lookup (once per run) and one call per page; a change lists the one name and
/// type, then makes the fewest calls that bring it to the set: records already holding a wanted value are kept
/// (patched if their TTL, proxied or comment differ), records with unwanted values are re-pointed to missing ones,
/// what is still missing is created and what is still extra deleted.
/// </summary>
/// <remarks>
/// Every call is retried on 429 (after Retry-After), 5xx, timeouts and dropped connections. A create that may have
/// gone through (no answer, or a 5xx) is never simply sent again: the name and type are listed first and the
/// record taken as created when it is there, so a flaky API cannot leave duplicates.
/// </remarks>
internal sealed class CloudflareProvider(CloudflareClient client) : IDnsZoneProvider
{
    public const string Kind = CloudflareSettings.Kind;

    public async Task<DnsRecordSets> ListAsync(DnsName zone, CancellationToken cancellationToken)
    {
        var zoneId = await client.ZoneIdAsync(Bare(zone), cancellationToken);
        var records = await client.ListAsync(zoneId, "", $"listing the records of {zone}", cancellationToken);
        return DnsRecordSets.Of(records
            .Select(r => (Record: r, Ok: CloudflareRecordMapping.TryType(r.Type, out var type), Type: type))
            .Where(r => r.Ok && r.Record.Name is not null)
            .GroupBy(r => (Name: r.Record.Name!.ToLowerInvariant(), r.Type))
            .Select(g => SetOf(g.Key.Name, g.Key.Type, g.Select(r => r.Record)))
            .OfType<DnsRecordSet>());
    }

    public async Task<DnsRecordSet?> FindAsync(DnsName zone, DnsRecordKey key, CancellationToken cancellationToken)
    {
        var zoneId = await client.ZoneIdAsync(Bare(zone), cancellationToken);
        var records = await client.ListAsync(zoneId, Filter(key), $"reading {key}", cancellationToken);
        return SetOf(key.Name.Value, key.Type, records);
    }

    /// <remarks>
    /// The set is read just before it is changed (Cloudflare has no conditional write) and must still be what Hearth
    /// expects: a change made from outside in the instant between the read and the writes is not caught.
    /// </remarks>
    public async Task PutAsync(DnsName zone, DnsRecordSet set, DnsRecordSet? expected, CancellationToken cancellationToken)
    {
        if (CloudflareRules.Check(set) is { Count: > 0 } problems)
            throw new DnsRecordException([.. problems.Select(p => p.Problem)]);
        var zoneId = await client.ZoneIdAsync(Bare(zone), cancellationToken);
        var records = await client.ListAsync(zoneId, Filter(set.Key), $"reading {set.Key}", cancellationToken);
        if (SetOf(set.Key.Name.Value, set.Key.Type, records) != expected)
            throw new DnsRecordChangedException(set.Key, $"{set.Key} changed in Cloudflare since Hearth read it (by hand, or by another tool)");
        var current = records
            .Select(r => (Record: r, Value: CloudflareRecordMapping.ValueOf(r, set.Type)))
            .ToList();

        var kept = current.Where(c => c.Value is not null && set.Values.Contains(c.Value))
            .GroupBy(c => c.Value!, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var extra = new Queue<CloudflareRecord>(current.Where(c => !kept.Contains(c)).Select(c => c.Record));
        var missing = set.Values.Where(v => kept.All(k => k.Value != v)).ToList();

        foreach (var (record, _) in kept.Where(k => !SettingsMatch(k.Record, set)))
            await PatchAsync(zoneId, record.Id!, Settings(set), set.Key, cancellationToken);
        var toCreate = new List<string>();
        foreach (var value in missing)
        {
            if (extra.TryDequeue(out var reused))
            {
                var fields = CloudflareRecordMapping.ValueFields(set, value);
                fields.Ttl = set.Ttl;
                fields.Proxied = set.Proxied;
                fields.Comment = set.Comment ?? "";
                await PatchAsync(zoneId, reused.Id!, fields, set.Key, cancellationToken);
            }
            else
            {
                toCreate.Add(value);
            }
        }
        foreach (var record in extra)
            await DeleteRecordAsync(zoneId, record.Id!, set.Key, cancellationToken);
        foreach (var value in toCreate)
            await CreateAsync(zoneId, set, value, cancellationToken);
    }

    public async Task DeleteAsync(DnsName zone, DnsRecordKey key, CancellationToken cancellationToken)
    {
        var zoneId = await client.ZoneIdAsync(Bare(zone), cancellationToken);
        foreach (var record in await client.ListAsync(zoneId, Filter(key), $"reading {key}", cancellationToken))
            await DeleteRecordAsync(zoneId, record.Id!, key, cancellationToken);
    }

    /// <summary>
    /// Creates one record. After an attempt that may have gone through, the next attempt first lists the name and
    /// type and stops if the value is there; a "record already exists" answer means the same.
    /// </summary>
    private Task CreateAsync(string zoneId, DnsRecordSet set, string value, CancellationToken cancellationToken)
    {
        var body = CloudflareRecordMapping.Create(set, value);
        var uncertain = false;
        return client.RetryAsync($"creating {set.Key} {value}", async token =>
        {
            if (uncertain)
            {
                var now = await client.ListOnceAsync(zoneId, Filter(set.Key), token);
                if (now.Any(r => CloudflareRecordMapping.ValueOf(r, set.Type) == value))
                    return true;
            }
            try
            {
                await client.CreateOnceAsync(zoneId, body, token);
            }
            catch (CloudflareTransientException e) when (e.MayHaveCommitted)
            {
                uncertain = true;
                throw;
            }
            catch (CloudflareApiException e) when (e.IsDuplicate)
            {
                // Already there: an earlier attempt went through after all.
            }
            return true;
        }, cancellationToken);
    }

    private Task PatchAsync(string zoneId, string id, CloudflareRecord fields, DnsRecordKey key, CancellationToken cancellationToken) =>
        client.RetryAsync($"updating {key}", async token => await client.PatchOnceAsync(zoneId, id, fields, token), cancellationToken);

    private Task DeleteRecordAsync(string zoneId, string id, DnsRecordKey key, CancellationToken cancellationToken) =>
        client.RetryAsync($"deleting {key}", async token =>
        {
            try
            {
                await client.DeleteOnceAsync(zoneId, id, token);
            }
            catch (CloudflareApiException e) when (e.IsRecordMissing)
            {
                // Gone already: an earlier attempt went through after all.
            }
            return true;
        }, cancellationToken);

    /// <summary>
    /// One set from Cloudflare's records of one name and type; null when none of them can be read. TTL, proxied and
    /// comment come from the first record in value order: records made by hand with different settings read as
    /// that one's, and the next change to the set brings them all in line.
    /// </summary>
    private static DnsRecordSet? SetOf(string name, DnsRecordType type, IEnumerable<CloudflareRecord> records)
    {
        var readable = records
            .Select(r => (Record: r, Value: CloudflareRecordMapping.ValueOf(r, type)))
            .Where(r => r.Value is not null)
            .OrderBy(r => r.Value, StringComparer.Ordinal)
            .DistinctBy(r => r.Value)
            .ToList();
        if (readable.Count == 0)
            return null;
        var first = readable[0].Record;
        try
        {
            return DnsRecordSet.Create(DnsName.Parse(name), type, Math.Max(first.Ttl ?? CloudflareRules.AutomaticTtl, 1), readable.Select(r => r.Value!), DnsNameContext.Absolute)
                with { Proxied = first.Proxied ?? false, Comment = string.IsNullOrEmpty(first.Comment) ? null : first.Comment };
        }
        catch (DnsRecordException)
        {
            return null; // A set the model cannot hold (two CNAME targets made by hand): left out, never a failed listing.
        }
    }

    private static bool SettingsMatch(CloudflareRecord record, DnsRecordSet set) =>
        record.Ttl == set.Ttl && (record.Proxied ?? false) == set.Proxied &&
        string.Equals(string.IsNullOrEmpty(record.Comment) ? null : record.Comment, set.Comment, StringComparison.Ordinal);

    private static CloudflareRecord Settings(DnsRecordSet set) => new() { Ttl = set.Ttl, Proxied = set.Proxied, Comment = set.Comment ?? "" };

    private static string Filter(DnsRecordKey key) => $"type={key.Type}&name.exact={Uri.EscapeDataString(Bare(key.Name))}";

    private static string Bare(DnsName name) => name.Value.TrimEnd('.');
}
