using Hearth.Dns.Ownership;
using Hearth.Dns.Records;

namespace Hearth.Dns.Tests.Ownership;

public sealed class ExternalDnsRegistryTests
{
    private static readonly DnsName Zone = DnsName.Parse("qt.rs.");

    private static DnsRecordSet Set(string name, DnsRecordType type, params string[] values) =>
        DnsRecordSet.Create(DnsName.Parse(name), type, 300, values, DnsNameContext.Lab(Zone));

    private static readonly DnsRecordSets Listing = DnsRecordSets.Of([
        Set("k8s.qt.rs.", DnsRecordType.A, "192.0.2.1"),
        Set("app.qt.rs.", DnsRecordType.CNAME, "k8s.qt.rs."),
        Set("cname-app.qt.rs.", DnsRecordType.TXT, "heritage=external-dns,external-dns/owner=k8s,external-dns/resource=ingress/default/app"),
        Set("old.qt.rs.", DnsRecordType.A, "192.0.2.2"),
        Set("old.qt.rs.", DnsRecordType.TXT, "\"heritage=external-dns,external-dns/owner=default\""),
        Set("old.qt.rs.", DnsRecordType.AAAA, "2001:db8::2"),
        Set("enc.qt.rs.", DnsRecordType.A, "192.0.2.3"),
        Set("a-enc.qt.rs.", DnsRecordType.TXT, Convert.ToBase64String(Enumerable.Range(0, 60).Select(i => (byte)(i * 7)).ToArray())),
        Set("hand.qt.rs.", DnsRecordType.TXT, "v=spf1 -all"),
        Set("other.qt.rs.", DnsRecordType.A, "192.0.2.4"),
        Set("a-other.qt.rs.", DnsRecordType.TXT, "heritage=someone-else,owner=x"),
        Set("grafana.qt.rs.", DnsRecordType.CNAME, "k8s.qt.rs."),
        Set("extdns-cname-grafana.qt.rs.", DnsRecordType.TXT, "heritage=external-dns,external-dns/owner=k8s"),
        Set("loki.qt.rs.", DnsRecordType.CNAME, "k8s.qt.rs."),
        Set("cname-loki-owner.qt.rs.", DnsRecordType.TXT, "heritage=external-dns,external-dns/owner=k8s"),
        Set("tempo.qt.rs.", DnsRecordType.CNAME, "k8s.qt.rs."),
        Set("cname-reg.tempo.qt.rs.", DnsRecordType.TXT, "heritage=external-dns,external-dns/owner=k8s"),
    ]);

    private static ExternalDnsOwner? OwnerOf(string name, DnsRecordType type, ExternalDnsLayout? layout = null) =>
        ExternalDnsRegistry.OwnerOf(new DnsRecordKey(DnsName.Parse(name), type), Listing, layout ?? ExternalDnsLayout.Default);

    [Fact]
    public void A_record_with_a_registry_entry_in_the_new_format_is_external_dnss()
    {
        var owner = OwnerOf("app.qt.rs.", DnsRecordType.CNAME);

        Assert.Equal(("k8s", "cname-app.qt.rs."), (owner!.Owner, owner.RegistryName));
        Assert.Equal("owned by external-dns/owner=k8s (TXT cname-app.qt.rs.)", owner.ToString());
    }

    [Fact]
    public void The_old_format_at_the_records_own_name_counts_except_for_aaaa()
    {
        Assert.Equal("default", OwnerOf("old.qt.rs.", DnsRecordType.A)!.Owner);
        Assert.Null(OwnerOf("old.qt.rs.", DnsRecordType.AAAA));
    }

    [Fact]
    public void An_encrypted_registry_entry_is_taken_as_someones_ownership()
    {
        var owner = OwnerOf("enc.qt.rs.", DnsRecordType.A);

        Assert.NotNull(owner);
        Assert.Null(owner.Owner);
    }

    [Theory]
    [InlineData("k8s.qt.rs.", "A")]
    [InlineData("hand.qt.rs.", "TXT")]
    [InlineData("other.qt.rs.", "A")]
    public void Records_without_an_external_dns_entry_are_nobodys(string name, string type) =>
        Assert.Null(OwnerOf(name, DnsRecordTypes.Parse(type, name)));

    [Theory]
    [InlineData("cname-app.qt.rs.", true)]
    [InlineData("a-www.qt.rs.", true)]
    [InlineData("aaaa-www.qt.rs.", true)]
    [InlineData("www.qt.rs.", false)]
    [InlineData("a.qt.rs.", false)]
    [InlineData("alpha.qt.rs.", false)]
    public void Registry_names_are_recognised(string name, bool expected) =>
        Assert.Equal(expected, ExternalDnsRegistry.IsRegistryName(DnsName.Parse(name), ExternalDnsLayout.Default));

    [Theory]
    [InlineData("grafana.qt.rs.", "extdns-", null, "extdns-cname-grafana.qt.rs.")]
    [InlineData("loki.qt.rs.", null, "-owner", "cname-loki-owner.qt.rs.")]
    [InlineData("tempo.qt.rs.", "%{record_type}-reg.", null, "cname-reg.tempo.qt.rs.")]
    public void With_a_txt_prefix_or_suffix_the_affixed_registry_entry_is_found(string name, string? prefix, string? suffix, string registry)
    {
        var layout = new ExternalDnsLayout(prefix, suffix);

        Assert.Null(OwnerOf(name, DnsRecordType.CNAME));
        Assert.Equal(("k8s", registry), (OwnerOf(name, DnsRecordType.CNAME, layout)!.Owner, OwnerOf(name, DnsRecordType.CNAME, layout)!.RegistryName));
        Assert.True(ExternalDnsRegistry.IsRegistryName(DnsName.Parse(registry), layout));
    }
}
