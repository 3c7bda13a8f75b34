using Hearth.Dns.Records;

namespace Hearth.Dns.Tests.Records;

public sealed class StructuredValueTests
{
    private static readonly DnsName Zone = DnsName.Parse("qt.rs");

    private static string Normalise(DnsRecordType type, string value) =>
        DnsRecordValue.Normalise(type, value, DnsNameContext.Lab(Zone), "rec.qt.rs.");

    private static DnsRecordException Refused(DnsRecordType type, string value) =>
        Assert.Throws<DnsRecordException>(() => Normalise(type, value));

    [Theory]
    [InlineData("CNAME", "k8s.qt.rs.", "k8s.qt.rs.")]
    [InlineData("CNAME", "K8S", "k8s.qt.rs.")]
    [InlineData("CNAME", "k8s.qt.rs", "k8s.qt.rs.")]
    [InlineData("CNAME", "@", "qt.rs.")]
    [InlineData("NS", "NS1.Example.ORG.", "ns1.example.org.")]
    [InlineData("PTR", "host.qt.rs.", "host.qt.rs.")]
    public void A_target_is_a_lower_case_full_name(string type, string value, string expected)
    {
        Assert.Equal(expected, Normalise(Enum.Parse<DnsRecordType>(type), value));
    }

    [Theory]
    [InlineData("192.0.2.1", "is an address")]
    [InlineData("a b", "one host name")]
    [InlineData("example.org", "ambiguous")]
    [InlineData("a..qt.rs.", "empty label")]
    public void A_target_that_is_not_one_host_name_is_refused(string value, string reason)
    {
        var error = Refused(DnsRecordType.CNAME, value);

        Assert.StartsWith("rec.qt.rs. CNAME: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10 mx1.qt.rs.", "10 mx1.qt.rs.")]
    [InlineData("  20   MX2  ", "20 mx2.qt.rs.")]
    [InlineData("0 .", "0 .")]
    [InlineData("65535 mail.example.org.", "65535 mail.example.org.")]
    public void An_MX_value_is_preference_then_host(string value, string expected)
    {
        Assert.Equal(expected, Normalise(DnsRecordType.MX, value));
    }

    [Theory]
    [InlineData("mx1.qt.rs.", "a preference and a host")]
    [InlineData("10", "a preference and a host")]
    [InlineData("-1 mx1.qt.rs.", "preference '-1'")]
    [InlineData("65536 mx1.qt.rs.", "preference '65536'")]
    [InlineData("10 192.0.2.1", "is an address")]
    [InlineData("ten mx1.qt.rs.", "preference 'ten'")]
    public void A_malformed_MX_value_is_refused(string value, string reason)
    {
        var error = Refused(DnsRecordType.MX, value);

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(DnsRecordType.MX, error.Problems[0].Type);
    }

    [Theory]
    [InlineData("10 5 5060 sip.qt.rs.", "10 5 5060 sip.qt.rs.")]
    [InlineData("0 0 443 SIP", "0 0 443 sip.qt.rs.")]
    [InlineData("0 0 0 .", "0 0 0 .")]
    public void An_SRV_value_is_priority_weight_port_target(string value, string expected)
    {
        Assert.Equal(expected, Normalise(DnsRecordType.SRV, value));
    }

    [Theory]
    [InlineData("10 5 sip.qt.rs.", "priority, a weight, a port and a target")]
    [InlineData("10 5 70000 sip.qt.rs.", "port '70000'")]
    [InlineData("10 x 5060 sip.qt.rs.", "weight 'x'")]
    public void A_malformed_SRV_value_is_refused(string value, string reason)
    {
        Assert.Contains(reason, Refused(DnsRecordType.SRV, value).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 issue \"letsencrypt.org\"", "0 issue \"letsencrypt.org\"")]
    [InlineData("0 ISSUE letsencrypt.org", "0 issue \"letsencrypt.org\"")]
    [InlineData("128   iodef   \"mailto:ca@qt.rs\"", "128 iodef \"mailto:ca@qt.rs\"")]
    [InlineData("0 issue \";\"", "0 issue \";\"")]
    [InlineData("0 issue \"\"", "0 issue \"\"")]
    [InlineData("0 issuewild \"ca.example; account=\\\"x\\\"\"", "0 issuewild \"ca.example; account=\\\"x\\\"\"")]
    public void A_CAA_value_is_flags_lower_case_tag_and_quoted_value(string value, string expected)
    {
        Assert.Equal(expected, Normalise(DnsRecordType.CAA, value));
    }

    [Theory]
    [InlineData("issue \"letsencrypt.org\"", "flags, a tag and a value")]
    [InlineData("x issue \"letsencrypt.org\"", "flags 'x'")]
    [InlineData("0 issue", "flags, a tag and a value")]
    [InlineData("256 issue \"x\"", "flags '256'")]
    [InlineData("0 is-sue \"x\"", "tag 'is-sue'")]
    [InlineData("0 averyveryverylongtag \"x\"", "tag 'averyveryverylongtag'")]
    [InlineData("0 issue \"a\" \"b\"", "not one quoted string")]
    [InlineData("0 issue a b", "must be quoted")]
    public void A_malformed_CAA_value_is_refused(string value, string reason)
    {
        Assert.Contains(reason, Refused(DnsRecordType.CAA, value).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("AaAa")]
    [InlineData("cname")]
    public void A_record_type_is_read_in_any_case(string text)
    {
        Assert.True(DnsRecordTypes.TryParse(text, out _));
    }

    [Theory]
    [InlineData("SOA")]
    [InlineData("HTTPS")]
    [InlineData("1")]
    [InlineData("A,MX")]
    [InlineData("")]
    public void Another_record_type_is_refused_with_the_list_of_managed_ones(string text)
    {
        var error = Assert.Throws<DnsRecordException>(() => DnsRecordTypes.Parse(text, "www.qt.rs."));

        Assert.Contains($"'{text}' is not a record type Hearth manages", error.Message, StringComparison.Ordinal);
        Assert.Equal("use one of A, AAAA, CNAME, MX, TXT, SRV, CAA, NS, PTR", error.Hint);
    }
}
