using Hearth.Core.Diagnostics;
using Hearth.Core.Planning;
using Hearth.Testing.Cloudflare;
using static Hearth.Dns.Tests.Providers.Cloudflare.CloudflareLab;

namespace Hearth.Dns.Tests.Providers.Cloudflare;

/// <summary>The dns: section with a Cloudflare zone: create, update in place, delete, drift, adopt, proxied and comments.</summary>
public sealed class CloudflareLabTests
{
    private const string Records = """
                - { name: www, type: A, value: "${var.ip}", comment: "web front" }
                - { name: "@", type: MX, values: ["20 mx2", "10 mx1.qt.rs."] }
                - { name: app, type: CNAME, value: www, proxied: true }
                - { name: _acme-challenge, type: TXT, value: "some token" }
                - { name: _sip._tcp, type: SRV, value: "10 5 5060 sip.qt.rs." }
                - { name: "@", type: CAA, value: "0 issue letsencrypt.org" }
        """;

    private static readonly string Lab = "variables:\n  ip: { default: 192.0.2.10 }\n" + CloudflareLab.Lab(Records);

    private static FakeCloudflare NewFake()
    {
        var fake = new FakeCloudflare();
        fake.AddZone(Zone);
        return fake;
    }

    [Fact]
    public async Task Apply_creates_one_record_per_value_and_a_second_plan_is_empty()
    {
        using var fake = NewFake();
        using var engine = Harness(fake, Lab);

        var (plan, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(6, plan.ToAdd);
        var records = fake.Records(Zone);
        Assert.Equal(7, records.Count);
        var www = Assert.Single(records, r => r.Name == "www.qt.rs");
        Assert.Equal(("A", "192.0.2.10", 300, "web front"), (www.Type, www.Content, www.Ttl, www.Comment));
        var app = Assert.Single(records, r => r.Name == "app.qt.rs");
        Assert.Equal(("www.qt.rs", true, 1), (app.Content, app.Proxied, app.Ttl));
        Assert.Equal([(10, "mx1.qt.rs"), (20, "mx2.qt.rs")], records.Where(r => r.Type == "MX").Select(r => (r.Priority ?? -1, r.Content)).Order());
        Assert.Equal("5 5060 sip.qt.rs", Assert.Single(records, r => r.Type == "SRV").Content);
        Assert.False((await engine.PlanAsync()).HasChanges);
    }

    [Fact]
    public async Task A_changed_value_is_patched_in_place_and_a_removed_record_is_deleted()
    {
        using var fake = NewFake();
        using var engine = Harness(fake, Lab);
        await engine.ApplyAsync();
        var id = Assert.Single(fake.Records(Zone), r => r.Name == "www.qt.rs").Id;
        fake.ResetCalls();

        var (plan, result) = await engine.ApplyAsync(lab: engine.Load(("ip", "192.0.2.99")));
        var writes = (fake.Calls("POST dns_records"), fake.Calls("PATCH dns_record"), fake.Calls("DELETE dns_record"));
        engine.Lab.Write("hearth.yaml", string.Join('\n', Lab.Split('\n').Where(l => !l.Contains("_acme-challenge", StringComparison.Ordinal))));
        var (removal, removed) = await engine.ApplyAsync(lab: engine.Load(("ip", "192.0.2.99")));

        Assert.True(result.Succeeded && removed.Succeeded);
        var update = Assert.Single(plan.Actions);
        Assert.Equal((ChangeAction.Update, "dns_record.qt_rs.www_A"), (update.Action, update.Address.ToString()));
        Assert.Equal((0, 1, 0), writes);
        var www = Assert.Single(fake.Records(Zone), r => r.Name == "www.qt.rs");
        Assert.Equal((id, "192.0.2.99", "web front"), (www.Id, www.Content, www.Comment));
        Assert.Equal(ChangeAction.Delete, Assert.Single(removal.Actions).Action);
        Assert.DoesNotContain(fake.Records(Zone), r => r.Type == "TXT");
        Assert.False((await engine.PlanAsync(lab: engine.Load(("ip", "192.0.2.99")))).HasChanges);
    }

    [Fact]
    public async Task Turning_proxied_on_and_changing_a_comment_are_updates_in_place()
    {
        using var fake = NewFake();
        using var engine = Harness(fake, Lab);
        await engine.ApplyAsync();

        engine.Lab.Write("hearth.yaml", Lab
            .Replace("proxied: true }", "proxied: false }", StringComparison.Ordinal)
            .Replace("comment: \"web front\"", "comment: \"front door\", proxied: true", StringComparison.Ordinal));
        var (plan, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.All(plan.Actions, a => Assert.Equal(ChangeAction.Update, a.Action));
        Assert.Equal(2, plan.Actions.Count());
        var www = Assert.Single(fake.Records(Zone), r => r.Name == "www.qt.rs");
        Assert.Equal((true, 1, "front door"), (www.Proxied, www.Ttl, www.Comment));
        var app = Assert.Single(fake.Records(Zone), r => r.Name == "app.qt.rs");
        Assert.False(app.Proxied);
        Assert.False((await engine.PlanAsync()).HasChanges);
    }

    [Fact]
    public async Task A_record_changed_in_cloudflare_behind_hearths_back_shows_as_drift()
    {
        using var fake = NewFake();
        using var engine = Harness(fake, Lab);
        await engine.ApplyAsync();
        var id = Assert.Single(fake.Records(Zone), r => r.Name == "www.qt.rs").Id;
        fake.Change(id, r => r with { Content = "192.0.2.66" });

        var plan = await engine.PlanAsync();

        var drift = Assert.Single(plan.Drift);
        Assert.Equal("dns_record.qt_rs.www_A", drift.Address.ToString());
        Assert.Equal(ChangeAction.Update, Assert.Single(plan.Actions).Action);
    }

    [Fact]
    public async Task A_record_that_already_exists_is_refused_unless_adopted_and_adopting_makes_no_duplicate()
    {
        using var fake = NewFake();
        fake.Add(Zone, "A", "www", "192.0.2.10", comment: "web front");
        using var engine = Harness(fake, Lab);

        var (_, refused) = await engine.ApplyAsync();
        engine.Lab.Write("hearth.yaml", Lab.Replace("comment: \"web front\" }", "comment: \"web front\", adopt: true }", StringComparison.Ordinal));
        fake.ResetCalls();
        var (_, adopted) = await engine.ApplyAsync();

        var error = Assert.Single(refused.Errors);
        Assert.Contains("www.qt.rs. A already exists in qt.rs.", error.Message, StringComparison.Ordinal);
        Assert.True(adopted.Succeeded, string.Join("\n", adopted.Errors.Select(e => e.Message)));
        Assert.Single(fake.Records(Zone), r => r.Name == "www.qt.rs");
        Assert.Equal(0, fake.Calls("PATCH dns_record"));
    }

    [Fact]
    public async Task A_wrong_token_fails_with_an_error_naming_cloudflare_and_not_the_token()
    {
        using var fake = NewFake();
        const string wrong = "not-the-right-token-42";
        using var engine = Harness(fake, "variables:\n  ip: { default: 192.0.2.10 }\n" + CloudflareLab.Lab(Records, token: wrong));

        var (_, result) = await engine.ApplyAsync();

        Assert.False(result.Succeeded);
        Assert.All(result.Errors, e =>
        {
            Assert.Contains("cloudflare refused the API token (9109 Invalid access token)", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(wrong, e.Message + e.ToString(), StringComparison.Ordinal);
        });
        Assert.Empty(fake.Records(Zone));
    }

    [Fact]
    public async Task Records_of_types_hearth_does_not_manage_are_skipped_by_the_listing()
    {
        using var fake = NewFake();
        fake.Add(Zone, "HTTPS", "www", "1 . alpn=h2");
        fake.Add(Zone, "SSHFP", "host", "4 2 123456789abcdef");
        using var engine = Harness(fake, Lab);
        await engine.ApplyAsync();

        var plan = await engine.PlanAsync();

        Assert.False(plan.HasChanges);
        Assert.Equal(9, fake.Records(Zone).Count);
    }

    [Fact]
    public void A_ttl_beside_proxied_is_refused_where_the_lab_writes_it()
    {
        using var fake = NewFake();
        using var engine = Harness(fake, CloudflareLab.Lab("        - { name: www, type: A, value: 192.0.2.1, proxied: true, ttl: 300 }\n"));

        var error = Assert.Throws<LabException>(() => engine.Load());

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Contains("a proxied record's TTL is automatic", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(8, diagnostic.Span.Line); // The record's line, at its ttl:.
    }

    [Theory]
    [InlineData("{ name: \"@\", type: MX, value: \"10 mx1\", proxied: true }", "a MX record cannot be proxied")]
    [InlineData("{ name: www, type: A, value: 192.0.2.1, ttl: 30 }", "Cloudflare does not take the TTL 30")]
    public async Task Settings_cloudflare_refuses_are_refused_before_anything_is_sent(string record, string expected)
    {
        using var fake = NewFake();
        using var engine = Harness(fake, CloudflareLab.Lab($"        - {record}\n"));

        var error = await Assert.ThrowsAnyAsync<HearthException>(() => engine.PlanAsync());

        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, fake.TotalCalls);
    }
}
