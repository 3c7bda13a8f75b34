using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Hearth.Dns.Records;

namespace Hearth.Dns.Providers.Ovh;

internal sealed partial class OvhProvider
{
    /// <summary>
    /// Record sets changed at once in a batch: as many as the engine ran in parallel before changes were batched, so
    /// an apply is no slower, and few enough not to be rate limited.
    /// </summary>
    public const int ChangeParallelism = 10;

    /// <summary>
    /// What each change of a batch that failed came to (null: made), kept until the batcher sends that change again
    /// on its own, as it does with every change of a failed batch. OVH cannot undo a batch's other changes, so the
    /// second send reports the first outcome rather than finding its own work and calling it someone else's.
    /// </summary>
    private readonly ConcurrentDictionary<DnsZoneChange, Outcome> _outcomes = new();

    /// <summary>A change of a failed batch: its own error (null: made), and whether the batch's refresh published it.</summary>
    private sealed record Outcome(Exception? Error, bool Published);

    public string Target => $"{Kind} {client.Account}";

    /// <summary>Record sets per refresh: each costs a few calls, so a batch is minutes of work at most.</summary>
    public int BatchBudget => 200;

    public int CostOf(DnsZoneChange change) => 1;

    /// <summary>
    /// Reads every set first and checks it is still what Hearth expects, so a set changed from outside is not written;
    /// then makes each other change (<see cref="ChangeParallelism"/> at a time) and publishes them all with one
    /// refresh. A change that could not be made fails the batch after that refresh, and the batcher's sending each
    /// change again alone then reports every change's own outcome.
    /// </summary>
    /// <remarks>
    /// OVH has no conditional write: a change made from outside in the instant between the read and the writes is not
    /// caught. Nor can a batch be undone: when a write or the refresh fails, the changes already made stay (staged),
    /// and each change's outcome is kept for the batcher's sending it again alone (see <see cref="_outcomes"/>).
    /// </remarks>
    public async Task ApplyAsync(DnsName zone, IReadOnlyList<DnsZoneChange> changes, CancellationToken cancellationToken)
    {
        if (changes is [var again] && _outcomes.TryRemove(again, out var outcome))
        {
            if (outcome.Error is not null)
                ExceptionDispatchInfo.Throw(outcome.Error);
            if (!outcome.Published)
                await RefreshAsync(zone, cancellationToken); // Made by the failed batch, whose refresh was what failed.
            return;
        }
        foreach (var put in changes.OfType<DnsZoneChange.Put>())
        {
            if (OvhRecordMapping.Check(put.Set) is { Count: > 0 } problems)
                throw new DnsRecordException([.. problems]);
        }
        // A set that changed from outside, or a write that fails, fails that change alone: the others are made and
        // published with the batch's one refresh.
        var results = new Exception?[changes.Count];
        var writes = new Func<CancellationToken, Task<bool>>?[changes.Count];
        await ForEachAsync(changes.Count, async (i, token) =>
        {
            try
            {
                writes[i] = await PrepareAsync(zone, changes[i], token);
            }
            catch (Exception e) when (changes.Count > 1)
            {
                results[i] = e;
            }
        }, cancellationToken);

        var changed = 0;
        await ForEachAsync(changes.Count, async (i, token) =>
        {
            if (writes[i] is not { } write)
                return;
            try
            {
                if (await write(token))
                    Interlocked.Increment(ref changed);
            }
            catch (Exception e) when (changes.Count > 1)
            {
                results[i] = e;
            }
        }, cancellationToken);
        var published = false;
        try
        {
            if (changed > 0)
                await RefreshAsync(zone, cancellationToken);
            published = true;
            if (results.FirstOrDefault(e => e is not null) is { } failed)
                ExceptionDispatchInfo.Throw(failed);
        }
        catch (Exception) when (changes.Count > 1)
        {
            for (var i = 0; i < changes.Count; i++)
                _outcomes[changes[i]] = new Outcome(results[i], published);
            throw;
        }
    }

    /// <summary>Reads what one change concerns, checks it, and returns the writes that make it (true when they changed anything).</summary>
    /// <exception cref="DnsRecordChangedException">The set is not what Hearth last saw.</exception>
    private async Task<Func<CancellationToken, Task<bool>>> PrepareAsync(DnsName zone, DnsZoneChange change, CancellationToken cancellationToken)
    {
        if (change is not DnsZoneChange.Put { Set: var set, Expected: var expected })
        {
            var ids = await client.RetryAsync($"reading {change.Key}", async token =>
                await client.RecordIdsOnceAsync(Bare(zone), change.Key.Type.ToString(), OvhRecordMapping.SubDomain(change.Key.Name, zone), token), cancellationToken);
            return token => DeleteRecordsAsync(zone, change.Key, ids, token);
        }
        var records = await ReadAsync(zone, set.Key, $"reading {set.Key}", cancellationToken);
        if (SetOf(zone, set.Name, set.Type, records) != expected)
            throw new DnsRecordChangedException(set.Key, $"{set.Key} changed in OVH since Hearth read it (by hand, or by another tool)");
        return token => WriteSetAsync(zone, set, records, token);
    }

    /// <summary>The fewest calls that turn <paramref name="records"/> (the set as read) into <paramref name="set"/>.</summary>
    private async Task<bool> WriteSetAsync(DnsName zone, DnsRecordSet set, List<OvhRecord> records, CancellationToken cancellationToken)
    {
        var current = records.Select(r => (Record: r, Value: OvhRecordMapping.ValueOf(r, set.Type, zone, set.Name))).ToList();
        var kept = current.Where(c => c.Value is not null && set.Values.Contains(c.Value))
            .GroupBy(c => c.Value!, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var extra = new Queue<OvhRecord>(current.Where(c => !kept.Contains(c)).Select(c => c.Record));
        var missing = set.Values.Where(v => kept.All(k => k.Value != v)).ToList();
        var name = Bare(zone);

        var changed = false;
        foreach (var (record, _) in kept.Where(k => k.Record.Ttl != set.Ttl))
        {
            await UpdateAsync(name, record.Id!.Value, new OvhRecord { Ttl = set.Ttl }, set.Key, cancellationToken);
            changed = true;
        }
        foreach (var value in missing)
        {
            if (extra.TryDequeue(out var reused))
                await UpdateAsync(name, reused.Id!.Value, new OvhRecord { Target = value, Ttl = set.Ttl }, set.Key, cancellationToken);
            else
                await CreateAsync(zone, set, value, cancellationToken);
            changed = true;
        }
        foreach (var record in extra)
        {
            await DeleteRecordAsync(name, record.Id!.Value, set.Key, cancellationToken);
            changed = true;
        }
        return changed;
    }

    private async Task<bool> DeleteRecordsAsync(DnsName zone, DnsRecordKey key, List<long> ids, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
            await DeleteRecordAsync(Bare(zone), id, key, cancellationToken);
        return ids.Count > 0;
    }

    /// <summary>Runs <paramref name="action"/> for 0 … count-1, <see cref="ChangeParallelism"/> at a time; every one runs to its end, then the first failure is thrown.</summary>
    private static async Task ForEachAsync(int count, Func<int, CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(ChangeParallelism);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await action(i, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
