using Hearth.Dns.Records;
using Hearth.Dns.ZoneFiles;

namespace Hearth.Dns.Tests.ZoneFiles;

public sealed class ZoneFileParserTests
{
    private static readonly DnsName Zone = ZoneSamples.Zone;

    private static ZoneFile Parse(string text) => ZoneFile.Parse(text, Zone, "db.qt.rs");

    private static DnsRecordSet? Find(ZoneFile zone, string name, DnsRecordType type) =>
        zone.Records.Find(new DnsRecordKey(DnsName.Parse(name), type));

    private const string HandWritten = """
        ; qt.rs, kept by hand
        $TTL 1h
        @   IN  SOA ns1 hostmaster.qt.rs. (
                2024052001 ; serial
                3h         ; refresh
                15m        ; retry
                2w         ; expire
                300 )      ; minimum
            IN  NS  ns1             ; blank owner: still the apex
            IN  NS  ns2.example.org.
        ns1 300 IN A 192.0.2.53
        www IN 600 CNAME k8s        ; class before TTL
        k8s     A   192.0.2.10
                A   192.0.2.11
                AAAA 2001:DB8:0:0::10
        txt TXT v=spf1 "-all"  ; two strings: "v=spf1" and "-all"
        mx  MX 10 mx1.qt.rs.
            MX ( 20
                 mx2 )
        mx1 A 192.0.2.25
        mx2 A 192.0.2.26
        $ORIGIN lab.qt.rs.
        @   NS ns1
        ns1 A 192.0.2.99
        $ORIGIN qt.rs.
        key 3600 IN SSHFP 1 1 ( 0123456789abcdef0123456789abcdef01234567 )
        k8s A 192.0.2.10 ; the same record again: ignored
        """;

    [Fact]
    public void A_hand_written_file_is_read_with_comments_parentheses_blank_owners_and_origins()
    {
        var zone = Parse(HandWritten);

        Assert.Equal(new SoaRecord(DnsName.Parse("ns1.qt.rs"), DnsName.Parse("hostmaster.qt.rs"), 2024052001, 10_800, 900, 1_209_600, 300, 3600), zone.Soa);
        Assert.Equal(3600, zone.DefaultTtl);
        Assert.Equal(["ns1.qt.rs.", "ns2.example.org."], Find(zone, "qt.rs", DnsRecordType.NS)!.Values);
        Assert.Equal(600, Find(zone, "www.qt.rs", DnsRecordType.CNAME)!.Ttl);
        Assert.Equal(["k8s.qt.rs."], Find(zone, "www.qt.rs", DnsRecordType.CNAME)!.Values);
        Assert.Equal(["192.0.2.10", "192.0.2.11"], Find(zone, "k8s.qt.rs", DnsRecordType.A)!.Values);
        Assert.Equal(3600, Find(zone, "k8s.qt.rs", DnsRecordType.A)!.Ttl);
        Assert.Equal(["2001:db8::10"], Find(zone, "k8s.qt.rs", DnsRecordType.AAAA)!.Values);
        Assert.Equal(["\"v=spf1-all\""], Find(zone, "txt.qt.rs", DnsRecordType.TXT)!.Values);
        Assert.Equal(["10 mx1.qt.rs.", "20 mx2.qt.rs."], Find(zone, "mx.qt.rs", DnsRecordType.MX)!.Values);
        Assert.Equal(["ns1.lab.qt.rs."], Find(zone, "lab.qt.rs", DnsRecordType.NS)!.Values);
        Assert.NotNull(Find(zone, "ns1.lab.qt.rs", DnsRecordType.A));
        var sshfp = Assert.Single(zone.OtherRecords);
        Assert.Equal(new ZoneFileRecord(DnsName.Parse("key.qt.rs"), 3600, "SSHFP", "1 1 0123456789abcdef0123456789abcdef01234567", Zone), sshfp);
    }

    // Both cases as named-compilezone 9.18 loads them.
    [Theory]
    [InlineData("", 120, 120, 120)]
    [InlineData("500", 500, 500, 900)]
    public void Without_TTL_directive_a_record_takes_the_last_TTL_given_or_the_SOA_minimum_when_the_SOA_has_none(
        string soaTtl, int expectedSoa, int expectedNs, int expectedWww)
    {
        var zone = Parse($"""
            @ {soaTtl} IN SOA ns1 hostmaster 1 3600 600 86400 120
            @ IN NS ns1
            ns1 900 IN A 192.0.2.1
            www IN A 192.0.2.2
            """);

        Assert.Equal(expectedSoa, zone.Soa.Ttl);
        Assert.Equal(expectedNs, Find(zone, "qt.rs", DnsRecordType.NS)!.Ttl);
        Assert.Equal(expectedWww, Find(zone, "www.qt.rs", DnsRecordType.A)!.Ttl);
    }

    [Fact]
    public void Absolute_owner_names_and_quoted_TXT_with_escapes_are_read()
    {
        var zone = Parse("""
            $TTL 300
            qt.rs. IN SOA ns1.qt.rs. hostmaster.qt.rs. 1 3600 600 86400 300
            qt.rs. IN NS ns1.qt.rs.
            ns1.qt.rs. IN A 192.0.2.1
            t.qt.rs. IN TXT "caf\195\169 \226\130\172" "a\"b\\c;d"
            c.qt.rs. IN CAA 0 ISSUE letsencrypt.org
            """);

        Assert.Equal("café €a\"b\\c;d", TxtValue.Parse(Find(zone, "t.qt.rs", DnsRecordType.TXT)!.Values[0]).Text);
        Assert.Equal(["0 issue \"letsencrypt.org\""], Find(zone, "c.qt.rs", DnsRecordType.CAA)!.Values);
    }

    [Theory]
    [InlineData("$INCLUDE other.zone", 3, 1, "$INCLUDE is not supported")]
    [InlineData("$GENERATE 1-10 host$ A 192.0.2.$", 3, 1, "$GENERATE is not supported")]
    [InlineData("www CH A 192.0.2.1", 3, 5, "class CH is not supported")]
    [InlineData("www.example.org. A 192.0.2.1", 3, 1, "outside the zone qt.rs.")]
    [InlineData("www A 192.0.2", 3, 7, "www.qt.rs. A: '192.0.2' is not an IPv4 address")]
    [InlineData("www MX 10", 3, 8, "www.qt.rs. MX: '10' is not a valid MX value")]
    [InlineData("www TXT \"open", 3, 9, "quoted string is not closed")]
    [InlineData("www A ( 192.0.2.1", 3, 7, "'(' is never closed")]
    [InlineData("www 300", 3, 5, "'300' is not a record type")]
    [InlineData("www 99999999999 A 192.0.2.1", 3, 5, "not a TTL")]
    [InlineData("www..qt.rs. A 192.0.2.1", 3, 1, "empty label")]
    [InlineData("@ SOA ns1 hostmaster 2 1 1 1 1", 3, 3, "a second SOA")]
    [InlineData("www CNAME a\nwww CNAME b", 3, 5, "exactly one target")]
    public void A_bad_line_is_refused_with_file_line_and_column(string line, int lineNumber, int column, string message)
    {
        var text = $"$TTL 300\n@ SOA ns1 hostmaster 1 3600 600 86400 300\n{line}\n";

        var error = Assert.Throws<ZoneFileException>(() => Parse(text));

        Assert.Equal(("db.qt.rs", lineNumber, column), (error.Span.File, error.Span.Line, error.Span.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"db.qt.rs:{lineNumber}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_SOA_is_refused_with_an_example_SOA()
    {
        var error = Assert.Throws<ZoneFileException>(() => Parse("$TTL 300\nwww A 192.0.2.1\n"));

        Assert.Contains("no SOA record for qt.rs.", error.Message, StringComparison.Ordinal);
        Assert.Contains("IN SOA", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_SOA_away_from_the_apex_is_refused()
    {
        var error = Assert.Throws<ZoneFileException>(() => Parse("$ORIGIN sub.qt.rs.\n@ 300 SOA ns1 hostmaster 1 2 3 4 5\n"));

        Assert.Contains("the SOA is at sub.qt.rs., not at the zone's apex qt.rs.", error.Message, StringComparison.Ordinal);
    }
}
