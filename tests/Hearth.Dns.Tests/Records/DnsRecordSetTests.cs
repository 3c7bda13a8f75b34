using Hearth.Dns.Records;

namespace Hearth.Dns.Tests.Records;

public sealed class DnsRecordSetTests
{
    private static readonly DnsName Zone = DnsName.Parse("qt.rs");

    private static DnsRecordSet Lab(string name, string type, long ttl, params string[] values) =>
        DnsRecordSet.FromLab(Zone, name, type, ttl, values);

    [Fact]
    public void Sets_meaning_the_same_records_are_equal_whatever_the_spelling_and_order()
    {
        var written = Lab("@", "mx", 300, "20 MX2", "10 mx1.qt.rs");
        var read = DnsRecordSet.Create(DnsName.Parse("QT.RS."), DnsRecordType.MX, 300, ["10 mx1.qt.rs.", "20 mx2.qt.rs."], DnsNameContext.Absolute);

        Assert.Equal(read, written);
        Assert.Equal(read.GetHashCode(), written.GetHashCode());
        Assert.Equal(["10 mx1.qt.rs.", "20 mx2.qt.rs."], written.Values);
    }

    [Fact]
    public void Sets_differing_in_ttl_or_a_value_are_not_equal()
    {
        var set = Lab("www", "A", 300, "192.0.2.1");

        Assert.NotEqual(set, Lab("www", "A", 301, "192.0.2.1"));
        Assert.NotEqual(set, Lab("www", "A", 300, "192.0.2.2"));
        Assert.NotEqual(set, set.WithTtl(60));
    }

    [Fact]
    public void Values_are_sorted_with_numbers_compared_as_numbers()
    {
        var mx = Lab("@", "MX", 300, "100 c", "5 b", "10 a", "10 .");

        Assert.Equal(["5 b.qt.rs.", "10 .", "10 a.qt.rs.", "100 c.qt.rs."], mx.Values);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(2147483648)]
    public void A_ttl_outside_1_to_2147483647_is_refused(long ttl)
    {
        var error = Assert.Throws<DnsRecordException>(() => Lab("www", "A", ttl, "192.0.2.1"));

        Assert.Equal($"www.qt.rs. A: the TTL {ttl} is out of range", error.Message);
        Assert.Contains("from 1 to 2147483647", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2147483647)]
    public void The_ttl_range_ends_are_accepted(long ttl)
    {
        Assert.Equal(ttl, Lab("www", "A", ttl, "192.0.2.1").Ttl);
    }

    [Fact]
    public void The_same_value_given_twice_is_refused_even_when_spelled_differently()
    {
        var error = Assert.Throws<DnsRecordException>(() => Lab("www", "AAAA", 300, "2001:db8::1", "2001:DB8:0::1"));

        Assert.Contains("'2001:db8::1' and '2001:DB8:0::1' are the same value (2001:db8::1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cname_with_two_targets_is_refused()
    {
        var error = Assert.Throws<DnsRecordException>(() => Lab("www", "CNAME", 300, "a.qt.rs.", "b.qt.rs."));

        Assert.Contains("exactly one target, not 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_set_without_values_is_refused()
    {
        var error = Assert.Throws<DnsRecordException>(() => Lab("www", "A", 300));

        Assert.Contains("no value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_set_is_reported_at_once()
    {
        var error = Assert.Throws<DnsRecordException>(() => Lab("www", "A", 0, "192.0.2.1", "not-an-address", "2001:db8::1"));

        Assert.Equal(3, error.Problems.Count);
        Assert.All(error.Problems, p => Assert.Equal("www.qt.rs.", p.Name));
        Assert.All(error.Problems, p => Assert.Equal(DnsRecordType.A, p.Type));
    }

    [Fact]
    public void An_invalid_name_or_type_in_the_lab_is_refused_before_the_values()
    {
        Assert.Contains("not a valid DNS name", Assert.Throws<DnsRecordException>(() => Lab("a..b", "A", 300, "x")).Message, StringComparison.Ordinal);
        Assert.Contains("'SPF' is not a record type", Assert.Throws<DnsRecordException>(() => Lab("www", "SPF", 300, "x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_set_prints_as_zone_file_lines()
    {
        Assert.Equal("qt.rs. 300 IN TXT \"a\"\nqt.rs. 300 IN TXT \"b\"", Lab("@", "TXT", 300, "b", "a").ToString());
    }
}
