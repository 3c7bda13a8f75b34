using Hearth.Core.Diagnostics;
using Hearth.Core.Planning;
using Hearth.Dns.Resources;
using Hearth.Testing;

namespace Hearth.Dns.Tests.Lab;

/// <summary>The dns: section planned and applied end to end with the zonefile provider, checked by BIND's own tools.</summary>
public sealed class ZoneFileLabTests
{
    private const string Lab = """
        variables:
          ip: { default: 192.0.2.10 }
        providers:
          zonefile: { directory: zones, name_servers: [ns1.provider.test.] }
        dns:
          zones:
            lab.example:
              provider: zonefile
              records:
                - { name: www, type: A, value: "${var.ip}" }
                - { name: "@", type: MX, values: ["20 mx2", "10 mx1.lab.example."] }
                - { name: mail, type: CNAME, value: www }
                - { name: _acme-challenge, type: TXT, value: "some token" }
        """;

    private static EngineHarness Harness(string lab = Lab)
    {
        var records = new DnsRecordResourceType();
        return DnsEngine.Harness(lab, records);
    }

    [Fact]
    public async Task Apply_writes_a_zone_file_bind_accepts_and_a_second_plan_is_empty()
    {
        using var engine = Harness();

        var (plan, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(4, plan.ToAdd);
        var zone = engine.Lab.PathOf("zones/lab.example.zone");
        var text = await File.ReadAllTextAsync(zone);
        Assert.Matches(@"(?m)^www\s+300 IN A\s+192\.0\.2\.10$", text);
        Assert.Matches(@"(?m)^mail\s+300 IN CNAME www\.lab\.example\.$", text);
        var check = await BindZoneTools.CheckAsync("lab.example", zone, CancellationToken.None);
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.False((await engine.PlanAsync()).HasChanges);
    }

    [Fact]
    public async Task A_record_edited_in_the_file_behind_hearths_back_shows_as_drift()
    {
        using var engine = Harness();
        await engine.ApplyAsync();
        var zone = engine.Lab.PathOf("zones/lab.example.zone");
        await File.WriteAllTextAsync(zone, (await File.ReadAllTextAsync(zone)).Replace("192.0.2.10", "192.0.2.66", StringComparison.Ordinal));

        var plan = await engine.PlanAsync();

        var drift = Assert.Single(plan.Drift);
        Assert.Equal("dns_record.lab_example.www_A", drift.Address.ToString());
        Assert.Equal(ChangeAction.Update, Assert.Single(plan.Actions).Action);
    }

    [Fact]
    public async Task A_record_that_already_exists_is_refused_unless_adopted()
    {
        using var engine = Harness();
        Directory.CreateDirectory(engine.Lab.PathOf("zones"));
        await File.WriteAllTextAsync(engine.Lab.PathOf("zones/lab.example.zone"), """
            $ORIGIN lab.example.
            @ 3600 IN SOA ns1.provider.test. hostmaster.lab.example. 1 3600 600 1209600 300
            @ 3600 IN NS ns1.provider.test.
            www 300 IN A 192.0.2.10

            """);

        var (_, refused) = await engine.ApplyAsync();
        engine.Lab.Write("hearth.yaml", Lab.Replace("value: \"${var.ip}\" }", "value: \"${var.ip}\", adopt: true }", StringComparison.Ordinal));
        var (_, adopted) = await engine.ApplyAsync();

        var error = Assert.Single(refused.Errors);
        Assert.Contains("www.lab.example. A already exists in lab.example.", error.Message, StringComparison.Ordinal);
        Assert.True(adopted.Succeeded);
        Assert.Single((await File.ReadAllLinesAsync(engine.Lab.PathOf("zones/lab.example.zone"))), l => l.StartsWith("www", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("- { name: www, type: A, value: 300.1.2.3 }", "not an IPv4 address")]
    [InlineData("- { name: www, type: A, value: 192.0.2.1, ttl: 0 }", "TTL")]
    [InlineData("- { name: www, type: CNAME, value: a.example. }\n        - { name: www, type: A, value: 192.0.2.1 }", "has a CNAME beside A")]
    [InlineData("- { name: www, type: SPF, value: x }", "SPF")]
    [InlineData("- { name: www, typ: A, value: 192.0.2.1 }", "did you mean `type`")]
    public void Bad_records_are_reported_at_their_place_in_the_lab(string record, string expected)
    {
        using var engine = Harness($"""
            dns:
              zones:
                lab.example:
                  provider: zonefile
                  records:
                    {record}
            """);

        var error = Assert.Throws<LabException>(() => engine.Load());

        var diagnostic = Assert.Single(error.Diagnostics, d => (d.Message + d.Hint).Contains(expected, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("hearth.yaml", Path.GetFileName(diagnostic.Span.File));
        Assert.Equal(6, diagnostic.Span.Line);
    }
}
