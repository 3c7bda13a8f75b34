using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;
using Hearth.Core.Values;
using Hearth.Dns.Records;
using Hearth.Dns.ZoneFiles;

namespace Hearth.Dns.Providers;

/// <summary>
/// The <c>zonefile</c> provider: each zone is a BIND zone file, <c>DIRECTORY/ZONE.zone</c>, rewritten atomically
/// with its SOA serial increased after every change. Changes to one file are serialised (one writer at a time),
/// so records applied in parallel never lose each other's writes, and those made at about the same time share one
/// rewrite (see <see cref="DnsWriteBatcher"/>).
/// </summary>
internal sealed class ZoneFileProvider(string directory, MapValue settings, ZoneFileLocks locks, TimeProvider clock) : IBatchingDnsZoneProvider
{
    public const string Kind = "zonefile";

    public async Task<DnsRecordSets> ListAsync(DnsName zone, CancellationToken cancellationToken)
    {
        var path = PathOf(zone);
        return File.Exists(path) ? (await ReadAsync(path, zone, cancellationToken)).Records : New(zone).Records;
    }

    public async Task<DnsRecordSet?> FindAsync(DnsName zone, DnsRecordKey key, CancellationToken cancellationToken) =>
        (await ListAsync(zone, cancellationToken)).Find(key);

    public string Target => $"{Kind} {directory}";

    /// <summary>Changes per rewrite of the file: each rewrite costs the whole file, so a few thousand at a time.</summary>
    public int BatchBudget => 5_000;

    public int CostOf(DnsZoneChange change) => 1;

    /// <summary>One rewrite of the file for all <paramref name="changes"/>, or none if one of them finds its set changed.</summary>
    public Task ApplyAsync(DnsName zone, IReadOnlyList<DnsZoneChange> changes, CancellationToken cancellationToken) =>
        ChangeAsync(zone, file =>
        {
            var records = file.Records;
            foreach (var change in changes)
            {
                // Under the file's lock, so the check and the write see the same file.
                if (change is DnsZoneChange.Put put && records.Find(put.Set.Key) != put.Expected)
                {
                    throw new DnsRecordChangedException(put.Set.Key,
                        $"{put.Set.Key} changed in {PathOf(zone)} since Hearth read it (edited by hand, or by another tool)");
                }
                records = change is DnsZoneChange.Put { Set: var set } ? records.Put(set) : records.Remove(change.Key);
            }
            return file with { Records = records };
        }, cancellationToken);

    private async Task ChangeAsync(DnsName zone, Func<ZoneFile, ZoneFile> change, CancellationToken cancellationToken)
    {
        var path = PathOf(zone);
        var gate = locks.For(path);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var current = File.Exists(path) ? await ReadAsync(path, zone, cancellationToken) : New(zone);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await change(current).WriteAsync(path, clock, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResourceException($"cannot write the zone file {path}: {e.Message}", "check that the directory is writable", e);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<ZoneFile> ReadAsync(string path, DnsName zone, CancellationToken cancellationToken)
    {
        try
        {
            return await ZoneFile.ReadAsync(path, zone, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResourceException($"cannot read the zone file {path}: {e.Message}", "check the providers.zonefile.directory setting", e);
        }
    }

    /// <summary>A zone file that does not exist yet: its SOA and apex NS come from the provider settings.</summary>
    private ZoneFile New(DnsName zone)
    {
        var primary = Name(settings.GetString("primary_server"), zone, "ns1");
        var mailbox = Name(settings.GetString("mailbox"), zone, "hostmaster");
        var nameServers = settings.Get("name_servers") is ListValue list
            ? list.Items.Select(i => DnsName.Parse(i.ToText())).ToList()
            : [primary];
        return ZoneFile.New(zone, SoaRecord.Default(primary, mailbox), nameServers);
    }

    private static DnsName Name(string? configured, DnsName zone, string defaultLabel) =>
        configured is { Length: > 0 } text ? DnsName.Parse(text) : zone.Prepend(defaultLabel);

    private string PathOf(DnsName zone) => Path.Combine(directory, zone.Value.TrimEnd('.') + ".zone");
}
