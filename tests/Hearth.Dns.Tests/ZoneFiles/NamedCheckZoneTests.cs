using Hearth.Dns.Records;
using Hearth.Dns.ZoneFiles;
using Hearth.Testing;

namespace Hearth.Dns.Tests.ZoneFiles;

/// <summary>
/// BIND judges the files Hearth writes: named-checkzone accepts them under its strictest checks, and the zone BIND
/// loads (dumped by named-compilezone) is the zone Hearth meant, byte for byte in every TXT string.
/// </summary>
public sealed class NamedCheckZoneTests : IDisposable
{
    // A bound on each BIND run so a hung tool fails the test instead of the whole run; not a timing assertion.
    private static readonly TimeSpan ToolBound = TimeSpan.FromMinutes(2);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("hearth-named-checkzone-");
    private readonly TimeProvider _clock = new FixedClock(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task A_zone_with_every_type_written_by_Hearth_passes_named_checkzone()
    {
        using var bound = new CancellationTokenSource(ToolBound);
        var path = Path.Combine(_directory.FullName, "db.qt.rs");
        var written = await ZoneSamples.EveryType().WriteAsync(path, _clock, bound.Token);

        var result = await BindZoneTools.CheckAsync("qt.rs", path, bound.Token);

        // Not even a warning (a warning is how BIND reports an in-zone MX target without an address).
        Assert.True(result.ExitCode == 0, $"named-checkzone refused the file:\n{result.Output}\n{await File.ReadAllTextAsync(path, bound.Token)}");
        Assert.Equal($"zone qt.rs/IN: loaded serial {written.Soa.Serial}\nOK\n", result.Output);
    }

    [Fact]
    public async Task The_zone_BIND_loads_from_our_file_is_the_zone_we_wrote()
    {
        using var bound = new CancellationTokenSource(ToolBound);
        var path = Path.Combine(_directory.FullName, "db.qt.rs");
        var written = await ZoneSamples.EveryType().WriteAsync(path, _clock, bound.Token);

        var dump = await BindZoneTools.DumpAsync("qt.rs", path, bound.Token);
        var loaded = ZoneFile.Parse(dump, ZoneSamples.Zone, "named-compilezone output");

        Assert.Equal(written.Soa, loaded.Soa);
        Assert.Equal(written.Records, loaded.Records);
        var longText = loaded.Records.Find(new DnsRecordKey(ZoneSamples.Zone, DnsRecordType.TXT))!.Values
            .Select(v => TxtValue.Parse(v).Text).Single(t => t.StartsWith("v=DKIM1", StringComparison.Ordinal));
        Assert.Equal(ZoneSamples.LongText, longText);
    }

    [Fact]
    public async Task Records_of_other_types_kept_from_a_hand_written_file_still_load_in_BIND()
    {
        using var bound = new CancellationTokenSource(ToolBound);
        var path = Path.Combine(_directory.FullName, "db.qt.rs");
        await File.WriteAllTextAsync(path, """
            $TTL 300
            @ IN SOA ns1 hostmaster ( 1 3600 600 86400 300 )
              IN NS ns1
            ns1 IN A 192.0.2.1
            key IN SSHFP 1 1 0123456789abcdef0123456789abcdef01234567
            $ORIGIN svc.qt.rs.
            web IN HTTPS 1 web alpn="h2,h3"
            web IN A 192.0.2.80
            """, bound.Token);
        var zone = await ZoneFile.ReadAsync(path, ZoneSamples.Zone, bound.Token);

        await zone.WriteAsync(path, _clock, bound.Token);
        var dump = await BindZoneTools.DumpAsync("qt.rs", path, bound.Token);

        Assert.Contains("web.svc.qt.rs.", dump, StringComparison.Ordinal);
        Assert.Contains("HTTPS\t1 web.svc.qt.rs. alpn=\"h2,h3\"", dump, StringComparison.Ordinal);
        Assert.Contains("SSHFP\t1 1 0123456789ABCDEF0123456789ABCDEF01234567", dump, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Named_checkzone_refuses_a_cname_beside_other_data_so_its_approval_means_something()
    {
        using var bound = new CancellationTokenSource(ToolBound);
        var path = Path.Combine(_directory.FullName, "db.qt.rs");
        // ZoneFile does not apply the lab's zone rules, so it can write what DnsZoneRules would refuse.
        var zone = ZoneSamples.EveryType();
        zone = zone with { Records = zone.Records.Put(ZoneSamples.Lab("www", "TXT", 300, "beside a CNAME")) };
        await zone.WriteAsync(path, _clock, bound.Token);

        var result = await BindZoneTools.CheckAsync("qt.rs", path, bound.Token);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("CNAME and other data", result.Output, StringComparison.Ordinal);
    }
}
