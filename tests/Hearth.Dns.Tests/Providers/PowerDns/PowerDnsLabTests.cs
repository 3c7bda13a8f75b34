using System.Text.Json;
using Hearth.Core.Planning;
using Hearth.Dns.Resources;
using Hearth.Testing;

namespace Hearth.Dns.Tests.Providers.PowerDns;

/// <summary>The dns: section planned and applied end to end against a real PowerDNS through its HTTP API.</summary>
[Collection(PowerDnsCollection.Name)]
public sealed class PowerDnsLabTests(PowerDnsServer server) : IDisposable
{
    private readonly string _zone = $"t{Guid.NewGuid():N}"[..12] + ".powerdns.test.";
    private readonly RecordingHttpHandler _http = new();
    private DnsRecordResourceType? _kind;

    public void Dispose()
    {
        _kind?.Dispose();
        _http.Dispose();
    }

    private string Lab(string records, string? apiKey = null) => $$"""
        variables:
          ip: { default: 192.0.2.10 }
        providers:
          powerdns: { url: "{{server.Url}}", api_key: "{{apiKey ?? server.ApiKey}}" }
        dns:
          zones:
            {{_zone}}:
              provider: powerdns
              records:
        {{records}}
        """;

    private const string Records = """
                - { name: www, type: A, value: "${var.ip}" }
                - { name: "@", type: MX, values: ["20 mx2", "10 mx1"] }
                - { name: mail, type: CNAME, value: www }
                - { name: _acme-challenge, type: TXT, value: "some token" }
        """;

    private async Task<EngineHarness> HarnessAsync(string? records = null, string? apiKey = null, bool createZone = true)
    {
        if (createZone)
            await server.CreateZoneAsync(_zone, CancellationToken.None);
        _kind = new DnsRecordResourceType(TimeProvider.System, _http);
        return DnsEngine.Harness(Lab(records ?? Records, apiKey), _kind);
    }

    private async Task<Dictionary<string, (int Ttl, string[] Contents)>> RrsetsAsync()
    {
        using var zone = JsonDocument.Parse(await server.ZoneJsonAsync(_zone, CancellationToken.None));
        return zone.RootElement.GetProperty("rrsets").EnumerateArray().ToDictionary(
            r => $"{r.GetProperty("name").GetString()} {r.GetProperty("type").GetString()}",
            r => (r.GetProperty("ttl").GetInt32(), r.GetProperty("records").EnumerateArray().Select(x => x.GetProperty("content").GetString()!).Order(StringComparer.Ordinal).ToArray()));
    }

    [Fact]
    public async Task Apply_creates_the_record_sets_and_a_second_plan_is_empty()
    {
        using var engine = await HarnessAsync();

        var (plan, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(4, plan.ToAdd);
        var rrsets = await RrsetsAsync();
        Assert.Equal(300, rrsets[$"www.{_zone} A"].Ttl);
        Assert.Equal(["192.0.2.10"], rrsets[$"www.{_zone} A"].Contents);
        Assert.Equal([$"10 mx1.{_zone}", $"20 mx2.{_zone}"], rrsets[$"{_zone} MX"].Contents);
        Assert.Equal([$"www.{_zone}"], rrsets[$"mail.{_zone} CNAME"].Contents);
        Assert.Equal(["\"some token\""], rrsets[$"_acme-challenge.{_zone} TXT"].Contents);
        Assert.False((await engine.PlanAsync()).HasChanges);
    }

    [Fact]
    public async Task A_server_briefly_answering_503_is_asked_again_and_the_apply_succeeds()
    {
        using var engine = await HarnessAsync("        - { name: www, type: A, value: \"${var.ip}\" }");
        _http.FailNext(2, System.Net.HttpStatusCode.ServiceUnavailable);

        var (_, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(["192.0.2.10"], (await RrsetsAsync())[$"www.{_zone} A"].Contents);
        Assert.True(_http.Calls.Count >= 4, string.Join(", ", _http.Calls)); // Two refused tries, then the read and the write.
    }

    [Fact]
    public async Task A_record_changed_through_the_api_behind_hearths_back_shows_as_drift()
    {
        using var engine = await HarnessAsync();
        var (_, applied) = await engine.ApplyAsync();
        Assert.True(applied.Succeeded, string.Join("\n", applied.Errors.Select(e => e.Message)));
        await server.ReplaceAsync(_zone, $"www.{_zone}", "A", 300, ["192.0.2.66"], CancellationToken.None);

        var plan = await engine.PlanAsync();

        var drift = Assert.Single(plan.Drift);
        Assert.EndsWith(".www_A", drift.Address.ToString(), StringComparison.Ordinal);
        Assert.Equal(ChangeAction.Update, Assert.Single(plan.Actions).Action);
    }

    [Fact]
    public async Task A_record_set_that_already_exists_is_refused_unless_adopted()
    {
        using var engine = await HarnessAsync("""
                    - { name: www, type: A, value: "${var.ip}" }
            """);
        await server.ReplaceAsync(_zone, $"www.{_zone}", "A", 300, ["192.0.2.10"], CancellationToken.None);

        var (_, refused) = await engine.ApplyAsync();
        engine.Lab.Write("hearth.yaml", Lab("""
                    - { name: www, type: A, value: "${var.ip}", adopt: true }
            """));
        var (_, adopted) = await engine.ApplyAsync();

        var error = Assert.Single(refused.Errors);
        Assert.Contains($"www.{_zone} A already exists in {_zone}", error.Message, StringComparison.Ordinal);
        Assert.True(adopted.Succeeded, string.Join("\n", adopted.Errors.Select(e => e.Message)));
        Assert.DoesNotContain(_http.Calls, c => c.StartsWith("PATCH", StringComparison.Ordinal)); // identical: left as it is
        Assert.False((await engine.PlanAsync()).HasChanges);
    }

    [Fact]
    public async Task A_wrong_api_key_fails_with_a_clear_message_that_does_not_contain_the_key()
    {
        const string wrongKey = "not-the-key-5f3a9c";
        using var engine = await HarnessAsync(apiKey: wrongKey);

        var (_, result) = await engine.ApplyAsync();

        Assert.False(result.Succeeded);
        Assert.All(result.Errors, e =>
        {
            Assert.Contains("refused the API key", e.Message, StringComparison.Ordinal);
            Assert.Contains("providers.powerdns.api_key", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(wrongKey, e.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(server.ApiKey, e.ToString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_zone_missing_on_the_server_is_reported_with_how_to_create_it()
    {
        using var engine = await HarnessAsync(createZone: false);

        var (_, result) = await engine.ApplyAsync();

        var error = result.Errors.First();
        Assert.Contains($"has no zone {_zone}", error.Message, StringComparison.Ordinal);
        Assert.Contains("pdnsutil create-zone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_powerdns_refuses_reports_its_error_text()
    {
        // The A at www was made by hand and is not in the lab; PowerDNS refuses a CNAME beside it (422).
        using var engine = await HarnessAsync("""
                    - { name: www, type: CNAME, value: web.example.org. }
            """);
        await server.ReplaceAsync(_zone, $"www.{_zone}", "A", 300, ["192.0.2.10"], CancellationToken.None);

        var (_, result) = await engine.ApplyAsync();

        var error = Assert.Single(result.Errors);
        Assert.Contains($"refused writing www.{_zone} CNAME in {_zone}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Conflicts with pre-existing RRset", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Refreshing_many_records_reads_the_zone_once()
    {
        var records = string.Join('\n', Enumerable.Range(1, 60).Select(i => $"        - {{ name: host{i}, type: A, value: 192.0.2.{i} }}"));
        using var engine = await HarnessAsync(records);
        var (_, applied) = await engine.ApplyAsync();
        Assert.True(applied.Succeeded, string.Join("\n", applied.Errors.Select(e => e.Message)));
        _http.Clear();

        var plan = await engine.PlanAsync();

        Assert.False(plan.HasChanges);
        Assert.Equal([$"GET /api/v1/servers/localhost/zones/{_zone}"], _http.Calls);
    }
}
