using Hearth.Dns.Records;

namespace Hearth.Dns.Tests.Records;

public sealed class DnsNameTests
{
    private static readonly DnsName Zone = DnsName.Parse("qt.rs");

    [Theory]
    [InlineData("www.qt.rs", "www.qt.rs.")]
    [InlineData("WWW.Qt.RS.", "www.qt.rs.")]
    [InlineData("  _acme-challenge.qt.rs ", "_acme-challenge.qt.rs.")]
    [InlineData("*.k8s.qt.rs", "*.k8s.qt.rs.")]
    [InlineData("xn--caf-dma.example", "xn--caf-dma.example.")]
    [InlineData(".", ".")]
    public void An_absolute_name_is_lower_case_with_the_trailing_dot(string text, string expected)
    {
        Assert.Equal(expected, DnsName.Parse(text).Value);
    }

    [Theory]
    [InlineData("@", "qt.rs.")]
    [InlineData("www", "www.qt.rs.")]
    [InlineData("_acme-challenge.www", "_acme-challenge.www.qt.rs.")]
    [InlineData("www.qt.rs", "www.qt.rs.")]
    [InlineData("www.qt.rs.", "www.qt.rs.")]
    [InlineData("QT.RS", "qt.rs.")]
    [InlineData("*", "*.qt.rs.")]
    public void A_record_name_in_the_lab_is_resolved_against_its_zone(string text, string expected)
    {
        Assert.Equal(expected, DnsName.InZone(text, Zone).Value);
    }

    [Theory]
    [InlineData("www.example.org.")]
    [InlineData("qt.rs.example.org.")]
    [InlineData("rs.")]
    public void A_record_name_outside_the_zone_is_refused_with_how_to_write_it(string text)
    {
        var error = Assert.Throws<DnsRecordException>(() => DnsName.InZone(text, Zone));

        Assert.Contains("outside the zone qt.rs.", error.Message, StringComparison.Ordinal);
        Assert.Contains("relative to the zone", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_that_only_ends_with_the_zones_letters_is_not_inside_it()
    {
        Assert.False(DnsName.Parse("notqt.rs").IsAtOrBelow(Zone));
        Assert.Equal("notqt.rs.qt.rs.", DnsName.InZone("notqt.rs", Zone).Value);
    }

    [Theory]
    [InlineData("a..b", "empty label")]
    [InlineData(".a", "empty label")]
    [InlineData("", "empty")]
    [InlineData("www.*.qt.rs", "only as the first label")]
    [InlineData("*www.qt.rs", "wildcard is the whole first label")]
    [InlineData("bad name.qt.rs", "' ' is not allowed")]
    [InlineData("café.qt.rs", "xn--")]
    [InlineData("a\\.b.qt.rs", "'\\' is not allowed")]
    public void An_invalid_name_is_refused_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<DnsRecordException>(() => DnsName.Parse(text));

        Assert.Contains("not a valid DNS name", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message + error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_holds_at_most_63_bytes()
    {
        var longest = new string('a', 63);

        Assert.Equal($"{longest}.qt.rs.", DnsName.Parse($"{longest}.qt.rs").Value);
        var error = Assert.Throws<DnsRecordException>(() => DnsName.Parse($"{longest}a.qt.rs"));
        Assert.Contains("64 bytes long", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_holds_at_most_255_bytes_on_the_wire()
    {
        // Four labels of 61 bytes with their dots make 248 characters, "abcde." 6 more; the wire form adds one byte.
        var label = new string('a', 61);
        var exact = string.Join('.', label, label, label, label, "abcde");
        var over = string.Join('.', label, label, label, label, "abcdef");

        Assert.Equal(254, DnsName.Parse(exact).Value.Length);
        var error = Assert.Throws<DnsRecordException>(() => DnsName.Parse(over));
        Assert.Contains("256 bytes long on the wire", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@", "qt.rs.")]
    [InlineData("mx1", "mx1.qt.rs.")]
    [InlineData("mx1.qt.rs", "mx1.qt.rs.")]
    [InlineData("ghs.googlehosted.com.", "ghs.googlehosted.com.")]
    [InlineData("K8S.QT.RS.", "k8s.qt.rs.")]
    public void A_target_in_the_lab_is_absolute_with_a_trailing_dot_and_relative_when_one_label(string text, string expected)
    {
        Assert.Equal(expected, DnsName.Target(text, Zone).Value);
    }

    [Fact]
    public void A_target_of_several_labels_outside_the_zone_without_a_trailing_dot_is_ambiguous()
    {
        var error = Assert.Throws<DnsRecordException>(() => DnsName.Target("ghs.googlehosted.com", Zone));

        Assert.Equal("ghs.googlehosted.com: ambiguous without a trailing dot", error.Message);
        Assert.Contains("ambiguous", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ghs.googlehosted.com.'", error.Hint, StringComparison.Ordinal);
        Assert.Contains("'ghs.googlehosted.com.qt.rs.'", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@", "qt.rs.")]
    [InlineData("www", "www.qt.rs.")]
    [InlineData("www.qt.rs", "www.qt.rs.qt.rs.")]
    [InlineData("example.org.", "example.org.")]
    public void A_zone_file_name_is_relative_to_the_origin_unless_it_ends_in_a_dot(string text, string expected)
    {
        Assert.Equal(expected, DnsName.ParseRelative(text, Zone).Value);
    }

    [Theory]
    [InlineData("qt.rs.", "@")]
    [InlineData("www.qt.rs.", "www")]
    [InlineData("a.b.qt.rs.", "a.b")]
    [InlineData("example.org.", "example.org.")]
    public void A_name_is_written_relative_to_an_origin_it_is_inside(string name, string expected)
    {
        Assert.Equal(expected, DnsName.Parse(name).RelativeTo(Zone));
    }

    [Fact]
    public void Names_sort_in_canonical_order_with_the_apex_first_and_subtrees_together()
    {
        string[] names = ["z.qt.rs", "a.b.qt.rs", "qt.rs", "*.qt.rs", "b.qt.rs", "_sip._tcp.qt.rs", "0.qt.rs"];

        var sorted = names.Select(DnsName.Parse).Order().Select(n => n.Value);

        Assert.Equal(["qt.rs.", "*.qt.rs.", "0.qt.rs.", "_sip._tcp.qt.rs.", "b.qt.rs.", "a.b.qt.rs.", "z.qt.rs."], sorted);
    }

    [Fact]
    public void Equal_names_are_equal_however_they_were_written()
    {
        Assert.Equal(DnsName.Parse("WWW.qt.rs"), DnsName.InZone("www", Zone));
        Assert.Equal(DnsName.Parse("WWW.qt.rs").GetHashCode(), DnsName.InZone("www", Zone).GetHashCode());
        Assert.True(DnsName.Parse("a.qt.rs") != DnsName.Parse("b.qt.rs"));
    }

    [Fact]
    public void A_label_can_be_prepended_and_the_parent_taken()
    {
        var name = DnsName.Parse("app.qt.rs");

        Assert.Equal("cname-app.qt.rs.", name.Parent!.Prepend("cname-" + name.Labels[0]).Value);
        Assert.Equal(DnsName.Root, DnsName.Parse("rs").Parent);
        Assert.Null(DnsName.Root.Parent);
    }
}
