using Hearth.Testing;

namespace Hearth.Cli.Tests;

/// <summary>What `hearth plan` shows for a DNS zone the lab manages whole.</summary>
public sealed class DnsPlanOutputTests
{
    [Fact]
    public async Task Under_manage_all_the_plan_names_each_hand_made_record_it_will_delete_and_why()
    {
        using var lab = new TempLab("""
            providers:
              zonefile: { directory: zones, name_servers: [ns1.provider.test.] }
            dns:
              zones:
                qt.rs:
                  provider: zonefile
                  manage: all
                  records:
                    - { name: www, type: A, value: 192.0.2.10 }
            """, ("zones/qt.rs.zone", """
            $ORIGIN qt.rs.
            @ 3600 IN SOA ns1.provider.test. hostmaster.qt.rs. 1 3600 600 1209600 300
            @ 3600 IN NS ns1.provider.test.
            old 300 IN A 192.0.2.99
            app 300 IN CNAME www.qt.rs.
            cname-app 300 IN TXT "heritage=external-dns,external-dns/owner=k8s"

            """));

        var result = await CliRunner.RunAsync(lab.Directory, ["plan", "-no-color"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("# dns_record.qt_rs.old_A will be destroyed\n  # (because the lab does not declare it where it manages everything: manage: all)\n",
            result.Output, StringComparison.Ordinal);
        Assert.Contains("# dns_zone.qt_rs will be created", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("app", result.Output, StringComparison.Ordinal);
        Assert.Contains("Plan: 2 to add, 0 to change, 1 to destroy.", result.Output, StringComparison.Ordinal);
    }
}
