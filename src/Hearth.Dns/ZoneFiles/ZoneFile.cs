using System.Collections.Immutable;
using System.Text;
using Hearth.Core.State.Local;
using Hearth.Dns.Records;

namespace Hearth.Dns.ZoneFiles;

/// <summary>
/// A zone in BIND's zone-file format, as the <c>zonefile</c> provider keeps it: the SOA, the default TTL, the record
/// sets Hearth understands (apex NS included) and, kept as written, records of other types. Comments and layout of
/// a file written by hand are not kept: a written file is laid out by <see cref="ZoneFileWriter"/>.
/// </summary>
internal sealed record ZoneFile
{
    public ZoneFile(DnsName zone, int defaultTtl, SoaRecord soa, DnsRecordSets records, IEnumerable<ZoneFileRecord>? otherRecords = null)
    {
        Zone = zone;
        DefaultTtl = defaultTtl;
        Soa = soa;
        Records = records;
        OtherRecords = [.. otherRecords ?? []];
    }

    /// <summary>The apex: the SOA's name, and the <c>$ORIGIN</c> the file is written with.</summary>
    public DnsName Zone { get; init; }

    /// <summary>The <c>$TTL</c> line; records always carry their own TTL as well.</summary>
    public int DefaultTtl { get; init; }

    public SoaRecord Soa { get; init; }

    public DnsRecordSets Records { get; init; }

    public ImmutableArray<ZoneFileRecord> OtherRecords { get; init; }

    /// <summary>A new zone holding only its SOA and apex NS records.</summary>
    public static ZoneFile New(DnsName zone, SoaRecord soa, IReadOnlyCollection<DnsName> nameServers, int defaultTtl = 300)
    {
        var ns = DnsRecordSet.Create(zone, DnsRecordType.NS, soa.Ttl, nameServers.Select(n => n.Value), DnsNameContext.Absolute);
        return new ZoneFile(zone, defaultTtl, soa, DnsRecordSets.Empty.Put(ns));
    }

    /// <summary>Reads zone-file text; <paramref name="zone"/> is the apex and the starting origin (as named-checkzone takes it).</summary>
    /// <exception cref="ZoneFileException">A syntax error or an invalid record, with file:line:column.</exception>
    public static ZoneFile Parse(string text, DnsName zone, string fileName = "") => ZoneFileParser.Parse(text, zone, fileName);

    /// <exception cref="ZoneFileException">The file does not parse.</exception>
    public static async Task<ZoneFile> ReadAsync(string path, DnsName zone, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
        return Parse(text, zone, path);
    }

    /// <summary>The file's text with the current serial.</summary>
    public string Render() => ZoneFileWriter.Render(this);

    /// <summary>This zone with the serial a write gives it (<see cref="ZoneSerial.Next"/>).</summary>
    public ZoneFile WithNextSerial(DateOnly today) => this with { Soa = Soa with { Serial = ZoneSerial.Next(Soa.Serial, today) } };

    /// <summary>
    /// Writes the zone with its serial increased, atomically (temp file in the same directory, fsync, rename), so a
    /// server reloading the file sees the old zone or the new one, never a mix. Returns the zone as written.
    /// </summary>
    public async Task<ZoneFile> WriteAsync(string path, TimeProvider clock, CancellationToken cancellationToken)
    {
        var written = WithNextSerial(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        await AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes(written.Render()), cancellationToken);
        return written;
    }

    public bool Equals(ZoneFile? other) =>
        other is not null && Zone == other.Zone && DefaultTtl == other.DefaultTtl && Soa == other.Soa &&
        Records.Equals(other.Records) && OtherRecords.SequenceEqual(other.OtherRecords);

    public override int GetHashCode() => HashCode.Combine(Zone, DefaultTtl, Soa, Records, OtherRecords.Length);
}
