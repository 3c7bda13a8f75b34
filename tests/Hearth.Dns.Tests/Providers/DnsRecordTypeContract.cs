using Hearth.Core.Planning;
using Hearth.Dns.Resources;
using Hearth.Testing;

namespace Hearth.Dns.Tests.Providers;

/// <summary>
/// Every record type Hearth manages, created, read back without a change, updated in place and deleted through the
/// engine, the same way for every provider; each provider's test class inherits it and says how the provider is set
/// up and how to see what it serves independently of Hearth (the server's own transfer, its API, the file, the fake).
/// </summary>
public abstract class DnsRecordTypeContract
{
    /// <summary>A TXT value longer than one 255-byte character string: split on the wire, whole in the lab.</summary>
    private static readonly string LongText = new('x', 300);

    /// <summary>The zone as the lab writes it.</summary>
    protected abstract string Zone { get; }

    /// <summary>The lab's <c>providers:</c> section.</summary>
    protected abstract string ProvidersYaml { get; }

    protected abstract string Provider { get; }

    /// <summary>The record kind to use: one talking to the provider's fake, or the real one.</summary>
    protected abstract DnsRecordResourceType NewKind();

    /// <summary>Makes the (empty) zone where the provider needs it made first.</summary>
    protected virtual Task PrepareZoneAsync() => Task.CompletedTask;

    /// <summary>What the provider serves, as text, read without Hearth.</summary>
    protected abstract Task<string> ServedAsync(EngineHarness engine);

    /// <summary>
    /// One record per type; <paramref name="variant"/> (one, two) picks the values, <paramref name="address"/> the A
    /// record's, and <paramref name="withTxt"/> leaves the TXT record out when false.
    /// </summary>
    private static string Records(string variant, string? address = null, bool withTxt = true)
    {
        var last = variant == "one" ? 10 : 11;
        var records = $"""
                    - {"{"} name: www, type: A, value: {address ?? $"192.0.2.{last}"} {"}"}
                    - {"{"} name: www, type: AAAA, value: "2001:db8::{last}" {"}"}
                    - {"{"} name: app, type: CNAME, value: alias-{variant}.example.net. {"}"}
                    - {"{"} name: "@", type: MX, value: "10 mx-{variant}.example.net." {"}"}
                    - {"{"} name: txt, type: TXT, value: "txt-{variant}-{LongText}" {"}"}
                    - {"{"} name: _sip._tcp, type: SRV, value: "10 5 5060 sip-{variant}.example.net." {"}"}
                    - {"{"} name: "@", type: CAA, value: "0 issue ca-{variant}.example.net" {"}"}
                    - {"{"} name: sub, type: NS, value: ns-{variant}.example.net. {"}"}
                    - {"{"} name: ptr, type: PTR, value: ptr-{variant}.example.net. {"}"}
            """;
        return withTxt ? records : string.Join('\n', records.Split('\n').Where(l => !l.Contains("type: TXT", StringComparison.Ordinal)));
    }

    /// <summary>What each record of a variant shows in any text form of the zone.</summary>
    private static string[] Marks(string variant) =>
    [
        variant == "one" ? "192.0.2.10" : "192.0.2.11",
        variant == "one" ? "2001:db8::10" : "2001:db8::11",
        $"alias-{variant}.example.net", $"mx-{variant}.example.net", $"txt-{variant}-xxx", $"sip-{variant}.example.net",
        $"ca-{variant}.example.net", $"ns-{variant}.example.net", $"ptr-{variant}.example.net",
    ];

    private const int TypeCount = 9;

    private string Lab(string? records) => $"""
        {ProvidersYaml}
        dns:
          zones:
            {Zone}:
              provider: {Provider}
              records:{(records is null ? " []" : "\n" + records)}
        """;

    [Fact]
    public async Task Every_record_type_is_created_read_back_unchanged_updated_in_place_and_deleted()
    {
        await PrepareZoneAsync();
        using var kind = NewKind();
        using var engine = DnsEngine.Harness(Lab(Records("one")), kind);

        var (created, creating) = await engine.ApplyAsync();
        var servedAfterCreate = await ServedAsync(engine);
        var unchanged = await engine.PlanAsync();
        engine.Lab.Write("hearth.yaml", Lab(Records("two")));
        var (updated, updating) = await engine.ApplyAsync();
        var servedAfterUpdate = await ServedAsync(engine);
        var unchangedAfterUpdate = await engine.PlanAsync();
        engine.Lab.Write("hearth.yaml", Lab(null));
        var (deleted, deleting) = await engine.ApplyAsync();
        var servedAfterDelete = await ServedAsync(engine);

        Assert.True(creating.Succeeded, string.Join("\n", creating.Errors.Select(e => $"{e.Address}: {e.Message}")));
        Assert.Equal(TypeCount, created.ToAdd);
        Assert.All(Marks("one"), mark => Assert.Contains(mark, servedAfterCreate, StringComparison.Ordinal));
        Assert.False(unchanged.HasChanges, string.Join("\n", unchanged.Actions.Select(a => $"{a.Action} {a.Address}")));

        Assert.True(updating.Succeeded, string.Join("\n", updating.Errors.Select(e => $"{e.Address}: {e.Message}")));
        Assert.Equal(TypeCount, updated.Actions.Count(a => a.Action == ChangeAction.Update));
        Assert.Equal(TypeCount, updated.Actions.Count());
        Assert.All(Marks("two"), mark => Assert.Contains(mark, servedAfterUpdate, StringComparison.Ordinal));
        Assert.All(Marks("one"), mark => Assert.DoesNotContain(mark, servedAfterUpdate, StringComparison.Ordinal));
        Assert.False(unchangedAfterUpdate.HasChanges, string.Join("\n", unchangedAfterUpdate.Actions.Select(a => $"{a.Action} {a.Address}")));

        Assert.True(deleting.Succeeded, string.Join("\n", deleting.Errors.Select(e => $"{e.Address}: {e.Message}")));
        Assert.Equal(TypeCount, deleted.ToDestroy);
        Assert.All(Marks("two"), mark => Assert.DoesNotContain(mark, servedAfterDelete, StringComparison.Ordinal));
        Assert.Empty((await engine.StateAsync()).Resources);
    }

    [Fact]
    public async Task One_changed_value_is_one_update_and_one_removed_record_is_one_delete_leaving_the_others()
    {
        await PrepareZoneAsync();
        using var kind = NewKind();
        using var engine = DnsEngine.Harness(Lab(Records("one")), kind);
        var (_, creating) = await engine.ApplyAsync();
        Assert.True(creating.Succeeded, string.Join("\n", creating.Errors.Select(e => $"{e.Address}: {e.Message}")));

        engine.Lab.Write("hearth.yaml", Lab(Records("one", address: "192.0.2.99")));
        var (changed, changing) = await engine.ApplyAsync();
        var servedAfterChange = await ServedAsync(engine);
        engine.Lab.Write("hearth.yaml", Lab(Records("one", address: "192.0.2.99", withTxt: false)));
        var (removed, removing) = await engine.ApplyAsync();
        var servedAfterRemoval = await ServedAsync(engine);
        var unchanged = await engine.PlanAsync();

        Assert.True(changing.Succeeded, string.Join("\n", changing.Errors.Select(e => $"{e.Address}: {e.Message}")));
        var update = Assert.Single(changed.Actions);
        Assert.Equal(ChangeAction.Update, update.Action);
        Assert.EndsWith(".www_A", update.Address.ToString(), StringComparison.Ordinal);
        Assert.Contains("192.0.2.99", servedAfterChange, StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2.10", servedAfterChange, StringComparison.Ordinal);

        Assert.True(removing.Succeeded, string.Join("\n", removing.Errors.Select(e => $"{e.Address}: {e.Message}")));
        var delete = Assert.Single(removed.Actions);
        Assert.Equal(ChangeAction.Delete, delete.Action);
        Assert.EndsWith(".txt_TXT", delete.Address.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("txt-one", servedAfterRemoval, StringComparison.Ordinal);
        Assert.All(Marks("one").Skip(1).Where(m => !m.StartsWith("txt-", StringComparison.Ordinal)),
            mark => Assert.Contains(mark, servedAfterRemoval, StringComparison.Ordinal));
        Assert.False(unchanged.HasChanges, string.Join("\n", unchanged.Actions.Select(a => $"{a.Action} {a.Address}")));
    }
}
