using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Evaluation;
using Hearth.Core.Resources;
using Hearth.Core.Secrets;
using Hearth.Core.State;
using Hearth.Dns.Resources;
using Hearth.Testing;

namespace Hearth.Dns.Tests.Lab;

/// <summary><c>hearth import</c> of a record set that already exists in a zone file.</summary>
public sealed class ZoneFileImportTests
{
    private const string Zone = """
        $ORIGIN lab.example.
        @ 3600 IN SOA ns1.provider.test. hostmaster.lab.example. 1 3600 600 1209600 300
        @ 3600 IN NS ns1.provider.test.
        www 600 IN A 192.0.2.10

        """;

    private static EngineHarness Harness()
    {
        var records = new DnsRecordResourceType();
        var engine = DnsEngine.Harness("""
            providers:
              zonefile: { directory: zones }
            dns:
              zones:
                lab.example:
                  provider: zonefile
                  records:
                    - { name: www, type: A, value: 192.0.2.10, ttl: 600 }
            """, records);
        Directory.CreateDirectory(engine.Lab.PathOf("zones"));
        File.WriteAllText(engine.Lab.PathOf("zones/lab.example.zone"), Zone);
        return engine;
    }

    private static async Task<ResourceInstanceState> ImportAsync(EngineHarness engine, string id)
    {
        var lab = engine.Load();
        await using var session = await engine.Backend.OpenAsync(LockInfo.ForCurrentProcess("import", "test", "test"), TimeSpan.Zero, CancellationToken.None);
        var providers = await ProviderEvaluation.ResolveAsync(lab, new UnavailableSecretResolver(), session.Current, CancellationToken.None);
        return await Importer.ImportAsync(lab, session, ResourceAddress.Parse("dns_record.lab_example.www_A"), id, providers, CancellationToken.None);
    }

    [Theory]
    [InlineData("www A")]
    [InlineData("www.lab.example. a")]
    public async Task An_imported_record_set_matches_the_lab_and_the_next_plan_is_empty(string id)
    {
        using var engine = Harness();

        var imported = await ImportAsync(engine, id);

        Assert.Equal("www.lab.example. A", imported.Attributes.GetString("id"));
        Assert.False((await engine.PlanAsync()).HasChanges);
    }

    [Fact]
    public async Task An_id_that_names_another_record_set_is_refused_with_the_right_one()
    {
        using var engine = Harness();

        var error = await Assert.ThrowsAsync<ResourceException>(() => ImportAsync(engine, "mail A"));

        Assert.Contains("'www.lab.example. A'", error.Hint, StringComparison.Ordinal);
    }
}
