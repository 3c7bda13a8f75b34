using Hearth.Core.Planning;
using Hearth.Dns.Resources;
using Hearth.Testing;
using Hearth.Testing.Bind;

namespace Hearth.Dns.Tests.Providers.Rfc2136;

/// <summary>The dns: section planned and applied end to end against a real BIND, over RFC 2136 updates and AXFR with TSIG.</summary>
[Collection(BindCollection.Name)]
public sealed class Rfc2136LabTests(BindServer bind)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly string _zone = bind.TakeZone();

    private string ZoneKey => _zone.Replace('.', '_');

    private string Lab(string records, string? secret = null, bool sha512 = false, int? port = null) => $"""
        variables:
          ip: {"{"} default: 192.0.2.10 {"}"}
        providers:
          rfc2136:
            server: {BindServer.Host}
            port: {port ?? bind.Port}
            timeout: 5
            tsig:
              name: {(sha512 ? BindServer.Sha512KeyName : BindServer.Sha256KeyName)}
              algorithm: {(sha512 ? "hmac-sha512" : "hmac-sha256")}
              secret: "{secret ?? (sha512 ? bind.Sha512Secret : bind.Sha256Secret)}"
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
                - { name: _sip._tcp, type: SRV, value: "10 5 5060 sip" }
                - { name: "@", type: CAA, value: "0 issue letsencrypt.org" }
        """;

    private static EngineHarness Harness(string lab)
    {
        var records = new DnsRecordResourceType();
        return DnsEngine.Harness(lab, records);
    }

    [Fact]
    public async Task Apply_creates_the_records_on_the_server_and_a_second_plan_is_empty()
    {
        using var engine = Harness(Lab(Records));

        var (plan, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(6, plan.ToAdd);
        var zone = await bind.DigTransferAsync(_zone, None);
        Assert.Matches($@"(?m)^www\.{_zone}\.\s+300\s+IN\s+A\s+192\.0\.2\.10$", zone);
        Assert.Matches($@"(?m)^{_zone}\.\s+300\s+IN\s+MX\s+10 mx1\.example\.net\.$", zone);
        Assert.Matches($@"(?m)^_acme-challenge\.{_zone}\.\s+300\s+IN\s+TXT\s+""some token""$", zone);
        Assert.Matches($@"(?m)^{_zone}\.\s+300\s+IN\s+CAA\s+0 issue ""letsencrypt.org""$", zone);
        var second = await engine.PlanAsync();
        Assert.False(second.HasChanges, string.Join("\n", second.Actions.Select(a => $"{a.Action} {a.Address}")));
    }

    [Fact]
    public async Task A_record_changed_on_the_server_behind_hearths_back_shows_as_drift()
    {
        using var engine = Harness(Lab(Records));
        await engine.ApplyAsync();
        var change = await bind.NsUpdateAsync(_zone, [$"update delete www.{_zone}. A", $"update add www.{_zone}. 300 A 192.0.2.66"], None);
        Assert.True(change.ExitCode == 0, change.Output);

        var plan = await engine.PlanAsync();

        var drift = Assert.Single(plan.Drift);
        Assert.Equal($"dns_record.{ZoneKey}.www_A", drift.Address.ToString());
        Assert.Equal(ChangeAction.Update, Assert.Single(plan.Actions).Action);
    }

    [Fact]
    public async Task An_update_is_refused_when_the_record_changed_since_hearth_read_it()
    {
        using var engine = Harness(Lab(Records));
        await engine.ApplyAsync();
        var change = await bind.NsUpdateAsync(_zone, [$"update add www.{_zone}. 300 A 192.0.2.77"], None);
        Assert.True(change.ExitCode == 0, change.Output);

        // Without a refresh Hearth still believes www holds only 192.0.2.10: the prerequisite catches the difference.
        var (_, result) = await engine.ApplyAsync(new PlanOptions(Refresh: false), engine.Load(("ip", "192.0.2.99")));

        var error = Assert.Single(result.Errors);
        Assert.Contains("changed on", error.Message, StringComparison.Ordinal);
        var zone = await bind.DigTransferAsync(_zone, None);
        Assert.Contains("192.0.2.77", zone, StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2.99", zone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_that_already_exists_is_refused_unless_adopted()
    {
        var add = await bind.NsUpdateAsync(_zone, [$"update add www.{_zone}. 300 A 192.0.2.10"], None);
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
        Assert.Single((await bind.DigTransferAsync(_zone, None)).Split('\n'), l => l.StartsWith($"www.{_zone}.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_tsig_secret_gives_a_clear_error_and_changes_nothing()
    {
        var wrong = Convert.ToBase64String(new byte[32]);
        using var engine = Harness(Lab(Records, secret: wrong));
        var before = await bind.DigTransferAsync(_zone, None);

        var (_, result) = await engine.ApplyAsync();

        Assert.False(result.Succeeded);
        Assert.All(result.Errors, e => Assert.Contains("the TSIG key is wrong", e.Message, StringComparison.Ordinal));
        Assert.All(result.Errors, e => Assert.DoesNotContain(wrong, e.Message, StringComparison.Ordinal));
        Assert.Equal(before, await bind.DigTransferAsync(_zone, None));
        Assert.Empty((await engine.StateAsync()).Resources);
    }

    [Fact]
    public async Task A_plan_of_many_records_reads_the_zone_with_one_transfer_however_many_messages_it_takes()
    {
        // 2,000 records take several transfer messages (BIND sends about 20 KB each), each one's TSIG chained to the last.
        const int count = 2000;
        var records = string.Join('\n', Enumerable.Range(1, count).Select(i => $"        - {{ name: host{i}, type: A, value: 198.51.{i / 250}.{i % 250 + 1} }}"));
        using var engine = Harness(Lab(records, sha512: true));
        var (_, applied) = await engine.ApplyAsync(parallelism: 20);
        Assert.True(applied.Succeeded, string.Join("\n", applied.Errors.Take(3).Select(e => e.Message)));
        var before = await bind.TransferCountAsync(_zone, None);

        var plan = await engine.PlanAsync();

        Assert.False(plan.HasChanges);
        Assert.Equal(before + 1, await bind.TransferCountAsync(_zone, None));
    }

    [Fact]
    public async Task An_apply_of_many_records_sends_them_in_a_few_updates_not_one_each()
    {
        const int count = 1000;
        using var engine = Harness(Lab(ManyRecords(count)));
        var before = await SerialAsync();

        var (_, applied) = await engine.ApplyAsync();

        Assert.True(applied.Succeeded, string.Join("\n", applied.Errors.Take(3).Select(e => e.Message)));
        Assert.Equal(count, (await bind.DigTransferAsync(_zone, None)).Split('\n').Count(l => l.StartsWith("host", StringComparison.Ordinal)));
        var updates = await SerialAsync() - before; // BIND raises the serial once per UPDATE message it applies.
        Assert.InRange(updates, 1, count / 50);
    }

    [Fact]
    public async Task Updates_filled_to_the_message_limit_with_long_names_and_values_are_accepted_whole()
    {
        // About 300 KB of changes: long owner names, TXT values of several 255-byte strings, IPv6 addresses whose text is
        // shorter than their 16 bytes. An UPDATE estimated too small would exceed a DNS message and be refused, and
        // its changes would then go one by one: as many UPDATEs as record sets.
        const int count = 300;
        var label = new string('n', 50);
        var records = string.Join('\n', Enumerable.Range(1, count).Select(i => i % 2 == 0
            ? $"        - {{ name: {label}-{i}.sub, type: TXT, values: [\"{new string('t', 600)}{i}\", \"{new string('u', 300)}\"] }}"
            : $"        - {{ name: {label}-{i}.sub, type: AAAA, values: [\"::{i:x}\", \"2001:db8::{i:x}\", \"::ffff:{i:x}\"] }}"));
        using var engine = Harness(Lab(records));
        var before = await SerialAsync();

        var (_, applied) = await engine.ApplyAsync();

        Assert.True(applied.Succeeded, string.Join("\n", applied.Errors.Take(3).Select(e => e.Message)));
        var updates = await SerialAsync() - before;
        Assert.InRange(updates, 5, count / 10);
        Assert.False((await engine.PlanAsync()).HasChanges);
    }

    [Fact]
    public async Task Names_repeated_across_a_large_update_reach_the_server_as_written()
    {
        // DNS messages point back to names written earlier, and such a pointer reaches only the first 16 KiB of a
        // message. Hundreds of CNAMEs to one target outside the zone, after enough records that the target is first
        // written far into a large UPDATE, must each still name that target.
        const int addresses = 600;
        const int aliases = 300;
        var records = ManyRecords(addresses) + "\n" + string.Join('\n', Enumerable.Range(1, aliases)
            .Select(i => $"        - {{ name: alias{i}, type: CNAME, value: lb.example.net. }}"));
        using var engine = Harness(Lab(records));

        var (_, applied) = await engine.ApplyAsync();

        Assert.True(applied.Succeeded, string.Join("\n", applied.Errors.Take(3).Select(e => e.Message)));
        var cnames = (await bind.DigTransferAsync(_zone, None)).Split('\n')
            .Select(l => l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 5 && f[3] == "CNAME").ToList();
        Assert.Equal(aliases, cnames.Count);
        Assert.All(cnames, f => Assert.Equal("lb.example.net.", f[4]));
        Assert.Equal(addresses, (await bind.DigTransferAsync(_zone, None)).Split('\n').Count(l => l.StartsWith("host", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Long_record_sets_changed_together_each_get_their_own_new_values()
    {
        // An update carries each set's old values as prerequisites: long TXT values fill a message quickly, and an
        // owner name first written beyond 16 KiB would be misread where the updates point back to it.
        const int count = 40;
        string Records(char fill) => string.Join('\n', Enumerable.Range(1, count)
            .Select(i => $"        - {{ name: note{i}, type: TXT, value: \"{i}{new string(fill, 1500)}\" }}"));
        using var engine = Harness(Lab(Records('a')));
        Assert.True((await engine.ApplyAsync()).Result.Succeeded);
        engine.Lab.Write("hearth.yaml", Lab(Records('b')));
        var before = await SerialAsync();

        var (plan, applied) = await engine.ApplyAsync();

        Assert.Equal(count, plan.ToChange);
        Assert.True(applied.Succeeded, string.Join("\n", applied.Errors.Take(3).Select(e => e.Message)));
        // Several sets to an UPDATE, none refused: a refused one would have been sent again set by set.
        Assert.InRange(await SerialAsync() - before, 2, count / 3);
        var texts = (await bind.DigTransferAsync(_zone, None)).Split('\n').Where(l => l.Contains("\tTXT\t", StringComparison.Ordinal)).ToList();
        Assert.Equal(count, texts.Count);
        for (var i = 1; i <= count; i++)
        {
            var line = Assert.Single(texts, l => l.StartsWith($"note{i}.{_zone}.", StringComparison.Ordinal));
            Assert.Contains($"\"{i}bbbb", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task In_a_batch_one_record_that_already_exists_fails_alone_and_the_others_are_made()
    {
        const int count = 200;
        var add = await bind.NsUpdateAsync(_zone, [$"update add host7.{_zone}. 300 A 192.0.2.250"], None);
        Assert.True(add.ExitCode == 0, add.Output);
        using var engine = Harness(Lab(ManyRecords(count)));

        var (_, result) = await engine.ApplyAsync();

        var error = Assert.Single(result.Errors);
        Assert.Equal($"dns_record.{ZoneKey}.host7_A", error.Address);
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        var state = await engine.StateAsync();
        Assert.Equal(count - 1, state.Resources.Count);
        var plan = await engine.PlanAsync();
        Assert.Equal([$"dns_record.{ZoneKey}.host7_A"], plan.Actions.Select(c => c.Address.ToString()));
    }

    private static string ManyRecords(int count) =>
        string.Join('\n', Enumerable.Range(1, count).Select(i => $"        - {{ name: host{i}, type: A, value: 198.51.{i / 250}.{i % 250 + 1} }}"));

    /// <summary>The zone's SOA serial as the server serves it.</summary>
    private async Task<long> SerialAsync()
    {
        var soa = (await bind.DigTransferAsync(_zone, None)).Split('\n').First(l => l.Contains("SOA", StringComparison.Ordinal));
        return long.Parse(soa.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[6], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task An_update_whose_answer_was_lost_is_found_made_and_not_sent_twice()
    {
        await using var proxy = new DnsAnswerDroppingProxy(bind.Port);
        using var engine = Harness(Lab(ManyRecords(3), port: proxy.Port));
        proxy.DropNextUpdateAnswers(1);

        var (_, result) = await engine.ApplyAsync(parallelism: 1);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(1, proxy.Dropped);
        Assert.Equal(3, (await bind.DigTransferAsync(_zone, None)).Split('\n').Count(l => l.StartsWith("host", StringComparison.Ordinal)));
        Assert.False((await engine.PlanAsync()).HasChanges);
    }
}
