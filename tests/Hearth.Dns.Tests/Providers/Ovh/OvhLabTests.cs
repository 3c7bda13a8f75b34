using Hearth.Core.Diagnostics;
using Hearth.Core.Planning;
using Hearth.Testing.Ovh;
using static Hearth.Dns.Tests.Providers.Ovh.OvhLab;

namespace Hearth.Dns.Tests.Providers.Ovh;

/// <summary>The dns: section with an OVH zone: create, update in place, delete, drift, adopt, and publishing with refresh.</summary>
public sealed class OvhLabTests
{
    private const string Records = """
                - { name: www, type: A, value: "${var.ip}" }
                - { name: "@", type: MX, values: ["20 mx2", "10 mx1.qt.rs."] }
                - { name: app, type: CNAME, value: www }
                - { name: _acme-challenge, type: TXT, value: "some token" }
                - { name: _sip._tcp, type: SRV, value: "10 5 5060 sip.qt.rs." }
                - { name: "@", type: CAA, value: "0 issue letsencrypt.org" }
        """;

    private static readonly string Lab = "variables:\n  ip: { default: 192.0.2.10 }\n" + OvhLab.Lab(Records);

    [Fact]
    public async Task Apply_creates_one_record_per_value_publishes_them_and_a_second_plan_is_empty()
    {
        using var fake = NewFake();
        using var engine = Harness(fake, Lab);

        var (plan, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(6, plan.ToAdd);
        var records = fake.Records(Zone);
        Assert.Equal(7, records.Count);
        var www = Assert.Single(records, r => r.SubDomain == "www");
        Assert.Equal(("A", "192.0.2.10", 300), (www.FieldType, www.Target, www.Ttl));
        Assert.Equal("www.qt.rs.", Assert.Single(records, r => r.SubDomain == "app").Target);
        Assert.Equal(["10 mx1.qt.rs.", "20 mx2.qt.rs."], records.Where(r => r.FieldType == "MX").Select(r => r.Target).Order(StringComparer.Ordinal));
        Assert.All(records.Where(r => r.FieldType is "MX" or "CAA"), r => Assert.Equal("", r.SubDomain));
        Assert.Equal("\"some token\"", Assert.Single(records, r => r.FieldType == "TXT").Target);
        Assert.Equal("_sip._tcp", Assert.Single(records, r => r.FieldType == "SRV").SubDomain);
        Assert.Equal(records, fake.Published(Zone));
        Assert.False((await engine.PlanAsync()).HasChanges);
    }

    [Fact]
    public async Task A_changed_value_is_updated_in_place_and_a_removed_record_is_deleted_each_then_published()
    {
        using var fake = NewFake();
        using var engine = Harness(fake, Lab);
        await engine.ApplyAsync();
        var id = Assert.Single(fake.Records(Zone), r => r.SubDomain == "www").Id;
        fake.ResetCalls();

        var (plan, result) = await engine.ApplyAsync(lab: engine.Load(("ip", "192.0.2.99")));
        var writes = (fake.Calls("POST records"), fake.Calls("PUT record"), fake.Calls("DELETE record"), fake.Calls("POST refresh"));
        engine.Lab.Write("hearth.yaml", string.Join('\n', Lab.Split('\n').Where(l => !l.Contains("_acme-challenge", StringComparison.Ordinal))));
        fake.ResetCalls();
        var (removal, removed) = await engine.ApplyAsync(lab: engine.Load(("ip", "192.0.2.99")));

        Assert.True(result.Succeeded && removed.Succeeded);
        var update = Assert.Single(plan.Actions);
        Assert.Equal((ChangeAction.Update, "dns_record.qt_rs.www_A"), (update.Action, update.Address.ToString()));
        Assert.Equal((0, 1, 0, 1), writes);
        var www = Assert.Single(fake.Published(Zone), r => r.SubDomain == "www");
        Assert.Equal((id, "192.0.2.99"), (www.Id, www.Target));
        Assert.Equal(ChangeAction.Delete, Assert.Single(removal.Actions).Action);
        Assert.Equal((1, 1), (fake.Calls("DELETE record"), fake.Calls("POST refresh")));
        Assert.DoesNotContain(fake.Published(Zone), r => r.FieldType == "TXT");
        Assert.False((await engine.PlanAsync(lab: engine.Load(("ip", "192.0.2.99")))).HasChanges);
    }

    [Fact]
    public async Task A_ttl_change_is_a_put_of_the_ttl_alone()
    {
        using var fake = NewFake();
        using var engine = Harness(fake, Lab);
        await engine.ApplyAsync();
        fake.ResetCalls();

        engine.Lab.Write("hearth.yaml", Lab.Replace("value: \"${var.ip}\" }", "value: \"${var.ip}\", ttl: 120 }", StringComparison.Ordinal));
        var (plan, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(ChangeAction.Update, Assert.Single(plan.Actions).Action);
        Assert.Equal((0, 1, 1), (fake.Calls("POST records"), fake.Calls("PUT record"), fake.Calls("POST refresh")));
        Assert.Equal(120, Assert.Single(fake.Published(Zone), r => r.SubDomain == "www").Ttl);
    }

    [Fact]
    public async Task A_plan_and_apply_without_changes_make_no_writes_and_no_refresh()
    {
        using var fake = NewFake();
        using var engine = Harness(fake, Lab);
        await engine.ApplyAsync();
        fake.ResetCalls();

        var (plan, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded);
        Assert.False(plan.HasChanges);
        Assert.Equal(0, fake.Calls("POST records") + fake.Calls("PUT record") + fake.Calls("DELETE record") + fake.Calls("POST refresh"));
    }

    [Fact]
    public async Task A_record_changed_in_ovh_behind_hearths_back_shows_as_drift()
    {
        using var fake = NewFake();
        using var engine = Harness(fake, Lab);
        await engine.ApplyAsync();
        var id = Assert.Single(fake.Records(Zone), r => r.SubDomain == "www").Id;
        fake.Change(id, r => r with { Target = "192.0.2.66" });

        var plan = await engine.PlanAsync();

        var drift = Assert.Single(plan.Drift);
        Assert.Equal("dns_record.qt_rs.www_A", drift.Address.ToString());
        Assert.Equal(ChangeAction.Update, Assert.Single(plan.Actions).Action);
    }

    [Fact]
    public async Task A_record_that_already_exists_is_refused_unless_adopted_and_adopting_makes_no_duplicate()
    {
        using var fake = NewFake();
        fake.Add(Zone, "A", "www", "192.0.2.10");
        using var engine = Harness(fake, Lab);

        var (_, refused) = await engine.ApplyAsync();
        engine.Lab.Write("hearth.yaml", Lab.Replace("value: \"${var.ip}\" }", "value: \"${var.ip}\", adopt: true }", StringComparison.Ordinal));
        fake.ResetCalls();
        var (_, adopted) = await engine.ApplyAsync();

        var error = Assert.Single(refused.Errors);
        Assert.Contains("www.qt.rs. A already exists in qt.rs.", error.Message, StringComparison.Ordinal);
        Assert.True(adopted.Succeeded, string.Join("\n", adopted.Errors.Select(e => e.Message)));
        Assert.Single(fake.Records(Zone), r => r.SubDomain == "www");
        Assert.Equal(0, fake.Calls("PUT record"));
    }

    [Fact]
    public async Task Records_made_by_hand_with_relative_targets_and_bare_txt_read_as_the_same_values()
    {
        using var fake = NewFake();
        fake.Add(Zone, "CNAME", "app", "www");
        fake.Add(Zone, "TXT", "_acme-challenge", "some token");
        fake.Add(Zone, "DKIM", "mail._domainkey", "v=DKIM1;k=rsa;p=abc");
        using var engine = Harness(fake, "variables:\n  ip: { default: 192.0.2.10 }\n" + OvhLab.Lab(Records
            .Replace("value: www }", "value: www, adopt: true }", StringComparison.Ordinal)
            .Replace("value: \"some token\" }", "value: \"some token\", adopt: true }", StringComparison.Ordinal)));

        var (plan, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(6, plan.ToAdd); // Adopting counts as an add.
        Assert.Equal(8, fake.Records(Zone).Count);
        Assert.Equal(5, fake.Calls("POST records")); // www, two MX, SRV, CAA: the CNAME and TXT made by hand were taken as they are.
        Assert.Equal(0, fake.Calls("PUT record"));
    }

    [Fact]
    public async Task A_server_clock_an_hour_off_is_read_once_per_run_and_every_call_is_accepted()
    {
        using var fake = NewFake();
        fake.ClockSkew = TimeSpan.FromMinutes(-61);
        using var engine = Harness(fake, Lab);

        var (_, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(7, fake.Published(Zone).Count);
        Assert.Equal(1, fake.Calls("GET time"));
    }

    [Theory]
    [InlineData("wrong-secret-4711", FakeOvh.DefaultConsumerKey, "INVALID_SIGNATURE")]
    [InlineData(FakeOvh.DefaultApplicationSecret, "unknown-consumer-key-0815", "INVALID_CREDENTIAL")]
    public async Task Wrong_keys_fail_with_an_error_naming_ovh_and_not_the_secrets(string secret, string consumerKey, string code)
    {
        using var fake = NewFake();
        using var engine = Harness(fake, "variables:\n  ip: { default: 192.0.2.10 }\n" + OvhLab.Lab(Records, secret, consumerKey));

        var (_, result) = await engine.ApplyAsync();

        Assert.False(result.Succeeded);
        Assert.All(result.Errors, e =>
        {
            Assert.Contains($"ovh refused the API keys (400 {code}", e.Message.Replace("403", "400", StringComparison.Ordinal), StringComparison.Ordinal);
            foreach (var hidden in new[] { secret, consumerKey, FakeOvh.DefaultApplicationSecret, FakeOvh.DefaultConsumerKey })
                Assert.DoesNotContain(hidden, e.Message + e.ToString(), StringComparison.Ordinal);
        });
        Assert.Empty(fake.Records(Zone));
    }

    [Fact]
    public async Task An_expired_consumer_key_fails_with_a_hint_to_renew_it()
    {
        using var fake = NewFake();
        fake.ConsumerKeyExpired = true;
        using var engine = Harness(fake, Lab);

        var (_, result) = await engine.ApplyAsync();

        var error = result.Errors.First();
        Assert.Contains("ovh refused the API keys (403 INVALID_CREDENTIAL: This credential is not valid", error.Message, StringComparison.Ordinal);
        Assert.Contains("the consumer key must be validated and not expired", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeOvh.DefaultConsumerKey, error.Message + error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_ttl_below_ovhs_minimum_written_in_the_lab_is_refused_when_the_lab_is_read_at_its_ttl()
    {
        using var fake = NewFake();
        using var engine = Harness(fake, OvhLab.Lab("        - { name: www, type: A, value: 192.0.2.10, ttl: 30 }\n"));

        var error = Assert.Throws<LabException>(() => engine.Load());

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("www.qt.rs. A: OVH does not take the TTL 30", diagnostic.Message);
        Assert.Equal("give ttl: 60 or more (OVH's minimum), or leave ttl out for the default 300", diagnostic.Hint);
        Assert.Equal((8, 52), (diagnostic.Span.Line, diagnostic.Span.Column)); // At ttl:.
        Assert.Equal(0, fake.TotalCalls);
    }

    [Fact]
    public async Task A_ttl_below_ovhs_minimum_from_a_variable_is_refused_at_plan_time_naming_the_record_and_nothing_is_sent()
    {
        using var fake = NewFake();
        using var engine = Harness(fake, "variables:\n  ttl: { default: 30 }\n" +
            OvhLab.Lab("        - { name: www, type: A, value: 192.0.2.10, ttl: \"${var.ttl}\" }\n"));

        var error = await Assert.ThrowsAsync<LabException>(() => engine.PlanAsync());

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("dns_record.qt_rs.www_A: OVH does not take the TTL 30", diagnostic.Message);
        Assert.Equal(0, fake.TotalCalls);
        Assert.Empty(fake.Records(Zone));
    }
}
