using Hearth.Core.Planning;
using Hearth.Testing.Cloudflare;
using static Hearth.Dns.Tests.Providers.Cloudflare.CloudflareLab;

namespace Hearth.Dns.Tests.Providers.Cloudflare;

/// <summary>
/// A Cloudflare zone shared with ExternalDNS and with records made in the dashboard, managed whole by the lab
/// (<c>manage: all</c>): only the hand-made records are planned for deletion.
/// </summary>
public sealed class CloudflareManageAllTests
{
    private static readonly string Lab = $$"""
        {{CloudflareLab.Providers()}}
        dns:
          zones:
            {{Zone}}:
              provider: cloudflare
              manage: all
              records:
                - { name: k8s, type: A, value: 192.0.2.10 }
        """;

    private static FakeCloudflare SharedZone()
    {
        var fake = new FakeCloudflare();
        fake.AddZone(Zone);
        fake.Add(Zone, "NS", "qt.rs", "ns1.cloudflare.test");
        fake.Add(Zone, "CNAME", "grafana", "k8s.qt.rs");
        fake.Add(Zone, "TXT", "cname-grafana", "\"heritage=external-dns,external-dns/owner=k8s,external-dns/resource=ingress/monitoring/grafana\"");
        fake.Add(Zone, "A", "legacy", "192.0.2.11");
        fake.Add(Zone, "TXT", "legacy", "\"heritage=external-dns,external-dns/owner=default\"");
        fake.Add(Zone, "A", "old-nas", "192.0.2.50");
        fake.Add(Zone, "TXT", "note", "\"made in the dashboard\"");
        return fake;
    }

    [Fact]
    public async Task Only_the_hand_made_records_are_planned_for_deletion_and_applying_removes_just_them()
    {
        using var fake = SharedZone();
        using var engine = Harness(fake, Lab);

        var (plan, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        var deleted = plan.Actions.Where(c => c.Action == ChangeAction.Delete).ToList();
        Assert.Equal(["dns_record.qt_rs.note_TXT", "dns_record.qt_rs.old-nas_A"], deleted.Select(c => c.Address.ToString()));
        Assert.All(deleted, c => Assert.Equal(ChangeReason.Undeclared, c.Reason));
        Assert.Equal(
            ["A k8s.qt.rs", "A legacy.qt.rs", "CNAME grafana.qt.rs", "NS qt.rs", "TXT cname-grafana.qt.rs", "TXT legacy.qt.rs"],
            fake.Records(Zone).Select(r => $"{r.Type} {r.Name}").Order(StringComparer.Ordinal));
        Assert.False((await engine.PlanAsync()).HasChanges);
    }

    [Fact]
    public async Task A_no_change_plan_reads_the_zone_by_pages_not_record_by_record()
    {
        using var fake = SharedZone();
        using var engine = Harness(fake, Lab);
        await engine.ApplyAsync();
        fake.ResetCalls();

        var plan = await engine.PlanAsync();

        Assert.False(plan.HasChanges);
        Assert.Equal(["GET dns_records"], fake.CallsByEndpoint.Keys.Where(k => !k.StartsWith("GET zones", StringComparison.Ordinal)));
    }
}
