using Hearth.Core.Diagnostics;
using Hearth.Dns.Lab;
using Hearth.Dns.Resources;
using Hearth.Testing;

namespace Hearth.Dns.Tests.Ownership;

/// <summary>A zone shared with ExternalDNS: its records and their registry entries are never touched, even when asked.</summary>
public sealed class ExternalDnsCoexistenceTests
{
    private const string Zone = """
        $ORIGIN qt.rs.
        @ 3600 IN SOA ns1.provider.test. hostmaster.qt.rs. 1 3600 600 1209600 300
        @ 3600 IN NS ns1.provider.test.
        k8s 300 IN A 192.0.2.10
        app 300 IN CNAME k8s.qt.rs.
        cname-app 300 IN TXT "heritage=external-dns,external-dns/owner=k8s,external-dns/resource=ingress/default/app"
        legacy 300 IN A 192.0.2.11
        legacy 300 IN TXT "heritage=external-dns,external-dns/owner=default"
        hand 300 IN A 192.0.2.12

        """;

    private static EngineHarness Harness(string records)
    {
        var kind = new DnsRecordResourceType();
        var engine = new EngineHarness($$"""
            providers:
              zonefile: { directory: zones, name_servers: [ns1.provider.test.] }
            dns:
              zones:
                qt.rs:
                  provider: zonefile
                  records:
            {{records}}
            """, [kind], [new DnsSection(kind)]);
        Directory.CreateDirectory(engine.Lab.PathOf("zones"));
        File.WriteAllText(engine.Lab.PathOf("zones/qt.rs.zone"), Zone);
        return engine;
    }

    [Theory]
    [InlineData("        - { name: app, type: CNAME, value: k8s, adopt: true }", "app.qt.rs. CNAME is owned by external-dns/owner=k8s (TXT cname-app.qt.rs.): left alone")]
    [InlineData("        - { name: legacy, type: A, value: 192.0.2.99, adopt: true }", "legacy.qt.rs. A is owned by external-dns/owner=default (TXT legacy.qt.rs.): left alone")]
    public async Task A_record_external_dns_owns_is_not_adopted_and_the_zone_is_unchanged(string record, string expected)
    {
        using var engine = Harness(record);

        var (_, result) = await engine.ApplyAsync();

        Assert.StartsWith(expected + "\n", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(Zone.Trim(), (await File.ReadAllTextAsync(engine.Lab.PathOf("zones/qt.rs.zone"))).Trim());
    }

    [Fact]
    public async Task Records_the_lab_does_not_declare_are_left_alone_and_hand_made_ones_can_be_adopted()
    {
        using var engine = Harness("""
                    - { name: hand, type: A, value: 192.0.2.12, adopt: true }
                    - { name: www, type: CNAME, value: k8s }
            """);

        var (plan, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(["dns_record.qt_rs.hand_A", "dns_record.qt_rs.www_CNAME"], plan.Actions.Select(c => c.Address.ToString()));
        var text = await File.ReadAllTextAsync(engine.Lab.PathOf("zones/qt.rs.zone"));
        Assert.Contains("heritage=external-dns,external-dns/owner=k8s", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^app\s+300 IN CNAME k8s\.qt\.rs\.$", text);
        Assert.False((await engine.PlanAsync()).HasChanges);
    }

    [Fact]
    public void A_txt_record_at_a_registry_name_is_refused_when_the_lab_loads()
    {
        using var engine = Harness("        - { name: cname-blog, type: TXT, value: note }");

        var error = Assert.Throws<LabException>(() => engine.Load());

        Assert.Contains(error.Diagnostics, d => d.Message == "cname-blog.qt.rs. TXT is where ExternalDNS keeps its ownership records (the `a-`, `aaaa-`, `cname-`… prefix)");
    }
}
