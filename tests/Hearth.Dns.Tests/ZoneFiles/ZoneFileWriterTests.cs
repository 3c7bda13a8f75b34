using Hearth.Dns.Records;
using Hearth.Dns.ZoneFiles;

namespace Hearth.Dns.Tests.ZoneFiles;

public sealed class ZoneFileWriterTests
{
    private static readonly DnsName Zone = ZoneSamples.Zone;

    [Fact]
    public void A_zone_with_every_type_reads_back_equal_after_writing()
    {
        var zone = ZoneSamples.EveryType();

        var read = ZoneFile.Parse(zone.Render(), Zone);

        Assert.Equal(zone, read);
        Assert.Equal(zone.Render(), read.Render());
    }

    [Fact]
    public void A_hand_written_file_reads_back_equal_after_writing_including_records_of_other_types()
    {
        var text = """
            $TTL 300
            @ IN SOA ns1 hostmaster ( 7 3600 600 86400 300 )
              IN NS ns1
            ns1 IN A 192.0.2.1
            key IN SSHFP 1 1 0123456789abcdef0123456789abcdef01234567
            $ORIGIN svc.qt.rs.
            web IN HTTPS 1 . alpn="h2,h3" ; relative names here mean *.svc.qt.rs.
            www IN TYPE65534 \# 3 abcdef
            """;
        var zone = ZoneFile.Parse(text, Zone);

        var written = zone.Render();
        var read = ZoneFile.Parse(written, Zone);

        Assert.Equal(zone, read);
        Assert.Equal(3, read.OtherRecords.Length);
        Assert.Contains("$ORIGIN svc.qt.rs.\nweb ", written, StringComparison.Ordinal);
        Assert.EndsWith("$ORIGIN qt.rs.\n", written, StringComparison.Ordinal);
    }

    [Fact]
    public void The_layout_is_stable_with_names_relative_to_the_origin_and_one_line_per_record()
    {
        var soa = new SoaRecord(DnsName.Parse("ns1.qt.rs"), DnsName.Parse("hostmaster.qt.rs"), 2025061501, 3600, 600, 1_209_600, 300, 3600);
        var zone = ZoneFile.New(Zone, soa, [DnsName.Parse("ns1.qt.rs")]);
        zone = zone with
        {
            Records = zone.Records
                .Put(ZoneSamples.Lab("www", "CNAME", 300, "k8s"))
                .Put(ZoneSamples.Lab("@", "MX", 300, "10 mx1"))
                .Put(ZoneSamples.Lab("ns1", "A", 300, "192.0.2.53"))
                .Put(ZoneSamples.Lab("_acme-challenge", "TXT", 60, "token")),
        };

        Assert.Equal("""
            ; Zone qt.rs., written by Hearth from the lab: edit the lab, not this file.
            $ORIGIN qt.rs.
            $TTL 300
            @               3600 IN SOA   ns1.qt.rs. hostmaster.qt.rs. (
                                          2025061501   ; serial
                                          3600         ; refresh
                                          600          ; retry
                                          1209600      ; expire
                                          300 )        ; minimum (negative answers)
            @               3600 IN NS    ns1.qt.rs.
            @                300 IN MX    10 mx1.qt.rs.
            _acme-challenge   60 IN TXT   "token"
            ns1              300 IN A     192.0.2.53
            www              300 IN CNAME k8s.qt.rs.

            """, zone.Render());
    }

    [Fact]
    public async Task Every_write_increases_the_serial_and_replaces_the_file_whole()
    {
        var directory = Directory.CreateTempSubdirectory("hearth-zonefile-");
        try
        {
            var path = Path.Combine(directory.FullName, "db.qt.rs");
            var clock = new FixedClock(new DateTimeOffset(2025, 6, 15, 23, 59, 0, TimeSpan.Zero));
            var zone = ZoneSamples.EveryType();

            var first = await zone.WriteAsync(path, clock, CancellationToken.None);
            var second = await first.WriteAsync(path, clock, CancellationToken.None);
            clock.Now = clock.Now.AddMinutes(2);
            var third = await second.WriteAsync(path, clock, CancellationToken.None);

            Assert.Equal([2025061500u, 2025061501u, 2025061600u], new[] { first, second, third }.Select(z => z.Soa.Serial));
            Assert.Equal(third, await ZoneFile.ReadAsync(path, Zone, CancellationToken.None));
            Assert.Equal([path], Directory.GetFiles(directory.FullName));
            Assert.Equal(zone with { Soa = third.Soa }, third);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
