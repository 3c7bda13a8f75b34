using Hearth.Core.Planning;
using Hearth.Dns.Resources;
using Hearth.Testing;
using Hearth.Testing.Knot;

namespace Hearth.Dns.Tests.Providers.Rfc2136;

/// <summary>The dns: section planned and applied end to end against a real Knot DNS, over RFC 2136 updates and AXFR with TSIG.</summary>
[Collection(KnotCollection.Name)]
public sealed class KnotLabTests(KnotServer knot)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly string _zone = knot.TakeZone();

    private string ZoneKey => _zone.Replace('.', '_');

    private string Lab(string records, string? secret = null) => $"""
        variables:
          ip: {"{"} default: 192.0.2.10 {"}"}
        providers:
          rfc2136:
            server: {KnotServer.Host}
            port: {knot.Port}
            timeout: 5
            tsig:
              name: {KnotServer.KeyName}
              algorithm: hmac-sha256
              secret: "{secret ?? knot.Secret}"
        dns:
          zones:
            {_zone}:
              provider: rfc2136
              records:
        {records}
        """;

    private const string Records = """
                - { name: www, type: A, value: "${var.ip}" }
                - { name: "@", type: MX, values: ["20 mx2.example.net.", "10 mx1.example.net."] }
                - { name: mail, type: CNAME, value: www }
                - { name: _acme-challenge, type: TXT, value: "some token" }
        """;

    private static EngineHarness Harness(string lab)
    {
        var records = new DnsRecordResourceType();
        return DnsEngine.Harness(lab, records);
    }

    [Fact]
    public async Task Apply_creates_the_records_on_knot_and_a_second_plan_is_empty()
    {
        using var engine = Harness(Lab(Records));

        var (plan, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(4, plan.ToAdd);
        var zone = await knot.DigTransferAsync(_zone, None);
        Assert.Matches($@"(?m)^www\.{_zone}\.\s+300\s+IN\s+A\s+192\.0\.2\.10$", zone);
        Assert.Matches($@"(?m)^{_zone}\.\s+300\s+IN\s+MX\s+10 mx1\.example\.net\.$", zone);
        Assert.Matches($@"(?m)^{_zone}\.\s+300\s+IN\s+MX\s+20 mx2\.example\.net\.$", zone);
        Assert.Matches($@"(?m)^mail\.{_zone}\.\s+300\s+IN\s+CNAME\s+www\.{_zone}\.$", zone);
        Assert.Matches($@"(?m)^_acme-challenge\.{_zone}\.\s+300\s+IN\s+TXT\s+""some token""$", zone);
        var second = await engine.PlanAsync();
        Assert.False(second.HasChanges, string.Join("\n", second.Actions.Select(a => $"{a.Action} {a.Address}")));
    }

    [Fact]
    public async Task A_record_changed_with_knsupdate_behind_hearths_back_shows_as_drift()
    {
        using var engine = Harness(Lab(Records));
        await engine.ApplyAsync();
        var change = await knot.KnsUpdateAsync(_zone, [$"update delete www.{_zone}. A", $"update add www.{_zone}. 300 A 192.0.2.66"], None);
        Assert.True(change.ExitCode == 0, change.Output);

        var plan = await engine.PlanAsync();

        var drift = Assert.Single(plan.Drift);
        Assert.Equal($"dns_record.{ZoneKey}.www_A", drift.Address.ToString());
        Assert.Equal(ChangeAction.Update, Assert.Single(plan.Actions).Action);
        var (_, repaired) = await engine.ApplyAsync();
        Assert.True(repaired.Succeeded, string.Join("\n", repaired.Errors.Select(e => e.Message)));
        Assert.DoesNotContain("192.0.2.66", await knot.DigTransferAsync(_zone, None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_is_refused_when_the_record_changed_since_hearth_read_it()
    {
        using var engine = Harness(Lab(Records));
        await engine.ApplyAsync();
        var change = await knot.KnsUpdateAsync(_zone, [$"update add www.{_zone}. 300 A 192.0.2.77"], None);
        Assert.True(change.ExitCode == 0, change.Output);

        // Without a refresh Hearth still believes www holds only 192.0.2.10: Knot's prerequisite check catches the difference.
        var (_, result) = await engine.ApplyAsync(new PlanOptions(Refresh: false), engine.Load(("ip", "192.0.2.99")));

        var error = Assert.Single(result.Errors);
        Assert.Contains("changed on", error.Message, StringComparison.Ordinal);
        var zone = await knot.DigTransferAsync(_zone, None);
        Assert.Contains("192.0.2.77", zone, StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2.99", zone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_that_already_exists_is_refused_unless_adopted()
    {
        var add = await knot.KnsUpdateAsync(_zone, [$"update add www.{_zone}. 300 A 192.0.2.10"], None);
        Assert.True(add.ExitCode == 0, add.Output);
        const string www = """        - { name: www, type: A, value: 192.0.2.10 }""";
        using var engine = Harness(Lab(www));

        var (_, refused) = await engine.ApplyAsync();
        engine.Lab.Write("hearth.yaml", Lab(www.Replace(" }", ", adopt: true }", StringComparison.Ordinal)));
        var (_, adopted) = await engine.ApplyAsync();

        var error = Assert.Single(refused.Errors);
        Assert.Contains($"www.{_zone}. A already exists in {_zone}.", error.Message, StringComparison.Ordinal);
        Assert.True(adopted.Succeeded, string.Join("\n", adopted.Errors.Select(e => e.Message)));
        Assert.False((await engine.PlanAsync()).HasChanges);
        Assert.Single((await knot.DigTransferAsync(_zone, None)).Split('\n'), l => l.StartsWith($"www.{_zone}.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_tsig_secret_gives_a_clear_error_and_changes_nothing()
    {
        var wrong = Convert.ToBase64String(new byte[32]);
        using var engine = Harness(Lab(Records, secret: wrong));
        var before = await knot.DigTransferAsync(_zone, None);

        var (_, result) = await engine.ApplyAsync();

        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.Contains("the TSIG key is wrong", e.Message, StringComparison.Ordinal));
        Assert.All(result.Errors, e => Assert.DoesNotContain(wrong, e.Message, StringComparison.Ordinal));
        Assert.Equal(before, await knot.DigTransferAsync(_zone, None));
        Assert.Empty((await engine.StateAsync()).Resources);
    }

    [Fact]
    public async Task A_no_change_plan_of_a_thousand_records_reads_the_zone_with_one_transfer()
    {
        const int count = 1000;
        var records = string.Join('\n', Enumerable.Range(1, count).Select(i => $"        - {{ name: host{i}, type: A, value: 198.51.{i / 250}.{i % 250 + 1} }}"));
        using var engine = Harness(Lab(records));
        var (_, applied) = await engine.ApplyAsync(parallelism: 20);
        Assert.True(applied.Succeeded, string.Join("\n", applied.Errors.Take(3).Select(e => e.Message)));
        var before = await knot.TransferCountAsync(_zone, None);

        var plan = await engine.PlanAsync();

        Assert.False(plan.HasChanges);
        Assert.Equal(before + 1, await knot.TransferCountAsync(_zone, None));
    }
}
