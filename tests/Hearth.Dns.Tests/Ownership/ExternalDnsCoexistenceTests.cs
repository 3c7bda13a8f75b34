using Hearth.Core.Diagnostics;
using Hearth.Core.Planning;
using Hearth.Core.Values;
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

    private static EngineHarness Harness(string records, string manage = "owned", string zoneExtra = "", string zone = Zone)
    {
        var kind = new DnsRecordResourceType();
        var engine = DnsEngine.Harness($$"""
            providers:
              zonefile: { directory: zones, name_servers: [ns1.provider.test.] }
            dns:
              zones:
                qt.rs:
                  provider: zonefile
                  manage: {{manage}}
            {{zoneExtra}}
                  records:
            {{records}}
            """, kind);
        Directory.CreateDirectory(engine.Lab.PathOf("zones"));
        File.WriteAllText(engine.Lab.PathOf("zones/qt.rs.zone"), zone);
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

    [Fact]
    public async Task Under_manage_all_hand_made_records_are_planned_for_deletion_and_external_dns_records_stay()
    {
        using var engine = Harness("        - { name: www, type: CNAME, value: k8s }", manage: "all");

        var plan = await engine.PlanAsync();

        var deletions = plan.Actions.Where(c => c.Action == ChangeAction.Delete).ToList();
        Assert.Equal(["dns_record.qt_rs.hand_A", "dns_record.qt_rs.k8s_A"], deletions.Select(c => c.Address.ToString()));
        Assert.All(deletions, c => Assert.Equal(ChangeReason.Undeclared, c.Reason));
        Assert.Equal(["192.0.2.12"], Assert.IsType<ListValue>(deletions[0].Before!.Get("values")).Items.Select(v => v.ToText()));
        Assert.Contains(plan.Actions, c => c.Address.ToString() == "dns_zone.qt_rs" && c.Action == ChangeAction.Create);

        var (_, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        var text = await File.ReadAllTextAsync(engine.Lab.PathOf("zones/qt.rs.zone"));
        Assert.DoesNotMatch(@"(?m)^(hand|k8s)\s", text);
        Assert.Matches(@"(?m)^app\s+300\s+IN\s+CNAME\s+k8s\.qt\.rs\.$", text);
        Assert.Matches(@"(?m)^cname-app\s+300\s+IN\s+TXT\s+""heritage=external-dns,external-dns/owner=k8s", text);
        Assert.Matches(@"(?m)^legacy\s+300\s+IN\s+A\s+192\.0\.2\.11$", text);
        Assert.Matches(@"(?m)^legacy\s+300\s+IN\s+TXT\s+""heritage=external-dns,external-dns/owner=default""$", text);
        Assert.Matches(@"(?m)^@\s+3600\s+IN\s+NS\s+ns1\.provider\.test\.$", text);
        Assert.Matches(@"(?m)^www\s+300\s+IN\s+CNAME\s+k8s\.qt\.rs\.$", text);
        Assert.False((await engine.PlanAsync()).HasChanges);
    }

    [Fact]
    public async Task Under_manage_all_a_record_made_by_hand_after_an_apply_shows_as_a_planned_deletion()
    {
        using var engine = Harness("        - { name: hand, type: A, value: 192.0.2.12, adopt: true }", manage: "all");
        var (_, first) = await engine.ApplyAsync();
        Assert.True(first.Succeeded, string.Join("\n", first.Errors.Select(e => e.Message)));
        await File.AppendAllTextAsync(engine.Lab.PathOf("zones/qt.rs.zone"), "late 300 IN A 192.0.2.77\n");

        var plan = await engine.PlanAsync();

        var deletion = Assert.Single(plan.Actions);
        Assert.Equal(("dns_record.qt_rs.late_A", ChangeAction.Delete, ChangeReason.Undeclared), (deletion.Address.ToString(), deletion.Action, deletion.Reason));
    }

    [Fact]
    public async Task Going_back_to_manage_owned_deletes_nothing()
    {
        using var engine = Harness("        - { name: hand, type: A, value: 192.0.2.12, adopt: true }", manage: "all");
        await engine.ApplyAsync();
        await File.AppendAllTextAsync(engine.Lab.PathOf("zones/qt.rs.zone"), "late 300 IN A 192.0.2.77\n");
        File.WriteAllText(engine.Lab.PathOf("hearth.yaml"), File.ReadAllText(engine.Lab.PathOf("hearth.yaml")).Replace("manage: all", "manage: owned", StringComparison.Ordinal));

        var plan = await engine.PlanAsync();

        var change = Assert.Single(plan.Actions);
        Assert.Equal(("dns_zone.qt_rs", ChangeAction.Delete), (change.Address.ToString(), change.Action));
        await engine.ApplyAsync();
        Assert.Matches(@"(?m)^late\s+300\s+IN\s+A\s+192\.0\.2\.77$", await File.ReadAllTextAsync(engine.Lab.PathOf("zones/qt.rs.zone")));
    }

    [Fact]
    public async Task With_external_dns_txt_prefix_its_affixed_registry_entries_keep_its_records_under_manage_all()
    {
        const string zone = """
            $ORIGIN qt.rs.
            @ 3600 IN SOA ns1.provider.test. hostmaster.qt.rs. 1 3600 600 1209600 300
            @ 3600 IN NS ns1.provider.test.
            grafana 300 IN CNAME k8s.qt.rs.
            extdns-cname-grafana 300 IN TXT "heritage=external-dns,external-dns/owner=k8s"
            hand 300 IN A 192.0.2.12

            """;
        using var engine = Harness("        - { name: k8s, type: A, value: 192.0.2.10 }", manage: "all",
            zoneExtra: "      external_dns: { txt_prefix: extdns- }", zone: zone);

        var plan = await engine.PlanAsync();

        Assert.Equal(["dns_record.qt_rs.hand_A"], plan.Actions.Where(c => c.Action == ChangeAction.Delete).Select(c => c.Address.ToString()));
    }

    [Fact]
    public void External_dns_takes_a_txt_prefix_or_a_txt_suffix_not_both()
    {
        using var engine = Harness("        - { name: k8s, type: A, value: 192.0.2.10 }", zoneExtra: "      external_dns: { txt_prefix: a-, txt_suffix: -b }");

        var error = Assert.Throws<LabException>(() => engine.Load());

        Assert.Contains(error.Diagnostics, d => d.Message == "external_dns of zone qt.rs. sets both txt_prefix and txt_suffix");
    }
}
