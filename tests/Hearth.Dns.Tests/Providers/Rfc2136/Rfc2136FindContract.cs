using Hearth.Core.Diagnostics;
using Hearth.Core.Values;
using Hearth.Dns.Providers.Rfc2136;
using Hearth.Dns.Records;
using Hearth.Dns.Resources;
using Hearth.Testing.Bind;

namespace Hearth.Dns.Tests.Providers.Rfc2136;

/// <summary>
/// The rfc2136 provider's lookup of one record set, against a real server: a query, never a zone transfer (each
/// server's transfer log counts those). Inherited once per server.
/// </summary>
public abstract class Rfc2136FindContract
{
    protected static readonly CancellationToken None = CancellationToken.None;

    protected abstract string Zone { get; }

    protected abstract int Port { get; }

    protected abstract string KeyName { get; }

    protected abstract string Secret { get; }

    /// <summary>Changes the zone with the server's own update client, behind Hearth's back.</summary>
    protected abstract Task<BindTools.Result> UpdateAsync(IEnumerable<string> commands);

    protected abstract Task<int> TransferCountAsync();

    [Fact]
    public async Task Find_returns_an_existing_set_with_its_ttl_and_values_without_a_zone_transfer()
    {
        await ChangeAsync($"update add www.{Zone}. 600 A 192.0.2.10", $"update add www.{Zone}. 600 A 192.0.2.11");
        var before = await TransferCountAsync();

        var set = await FindAsync("www", DnsRecordType.A);

        Assert.NotNull(set);
        Assert.Equal(600, set.Ttl);
        Assert.Equal(["192.0.2.10", "192.0.2.11"], set.Values.Order(StringComparer.Ordinal));
        Assert.Equal(before, await TransferCountAsync());
    }

    [Fact]
    public async Task Find_returns_null_for_a_name_the_zone_does_not_hold()
    {
        var before = await TransferCountAsync();

        Assert.Null(await FindAsync("missing", DnsRecordType.A));
        Assert.Equal(before, await TransferCountAsync());
    }

    [Fact]
    public async Task Find_returns_null_for_a_name_only_a_wildcard_answers_for()
    {
        await ChangeAsync($"update add *.wild.{Zone}. 300 A 192.0.2.30", $"update add real.wild.{Zone}. 300 A 192.0.2.31");

        Assert.Null(await FindAsync("anything.wild", DnsRecordType.A)); // answered with the wildcard's record, held by no such set
        Assert.Equal(["192.0.2.31"], (await FindAsync("real.wild", DnsRecordType.A))!.Values);
    }

    [Fact]
    public async Task Find_returns_null_for_a_name_that_holds_only_another_type()
    {
        await ChangeAsync($"update add txt-only.{Zone}. 300 TXT \"hello\"");
        var before = await TransferCountAsync();

        Assert.Null(await FindAsync("txt-only", DnsRecordType.A));
        Assert.NotNull(await FindAsync("txt-only", DnsRecordType.TXT));
        Assert.Equal(before, await TransferCountAsync());
    }

    [Fact]
    public async Task Find_reports_a_cname_only_as_a_cname_set_and_not_the_chain_for_another_type()
    {
        await ChangeAsync($"update add target.{Zone}. 300 A 192.0.2.20", $"update add alias.{Zone}. 300 CNAME target.{Zone}.");

        var cname = await FindAsync("alias", DnsRecordType.CNAME);
        var address = await FindAsync("alias", DnsRecordType.A); // the server answers with the CNAME and target's A

        Assert.NotNull(cname);
        Assert.Equal([$"target.{Zone}."], cname.Values);
        Assert.Null(address);
        Assert.Null(await FindAsync("target", DnsRecordType.CNAME));
    }

    [Fact]
    public async Task Find_reads_a_delegation_below_the_apex_from_the_referral()
    {
        await ChangeAsync($"update add sub.{Zone}. 900 NS ns1.example.net.", $"update add sub.{Zone}. 900 NS ns2.example.net.");
        var before = await TransferCountAsync();

        var set = await FindAsync("sub", DnsRecordType.NS);

        Assert.NotNull(set);
        Assert.Equal(900, set.Ttl);
        Assert.Equal(["ns1.example.net.", "ns2.example.net."], set.Values.Order(StringComparer.Ordinal));
        Assert.Equal(before, await TransferCountAsync());
    }

    [Fact]
    public async Task Find_with_a_wrong_tsig_secret_fails_with_the_key_error()
    {
        var wrong = Convert.ToBase64String(new byte[32]);

        var error = await Assert.ThrowsAnyAsync<ResourceException>(() => FindAsync("www", DnsRecordType.A, wrong));

        Assert.Contains($"the query for www.{Zone}. A", error.Message, StringComparison.Ordinal);
        Assert.Contains("the TSIG key is wrong", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_of_many_records_that_all_exist_fails_each_as_already_existing_without_a_zone_transfer()
    {
        const int count = 60;
        await ChangeAsync([.. Enumerable.Range(1, count).Select(i => $"update add host{i}.{Zone}. 300 A 198.51.100.{i}")]);
        var records = string.Join('\n', Enumerable.Range(1, count).Select(i => $"        - {{ name: host{i}, type: A, value: 198.51.100.{i} }}"));
        using var engine = DnsEngine.Harness(Lab(records), new DnsRecordResourceType());
        var before = await TransferCountAsync();

        var (_, result) = await engine.ApplyAsync(parallelism: 20);

        Assert.Equal(count, result.Errors.Length);
        Assert.All(result.Errors, e => Assert.Contains("already exists", e.Message, StringComparison.Ordinal));
        Assert.Equal(before, await TransferCountAsync());
        Assert.Empty((await engine.StateAsync()).Resources);
    }

    private string Lab(string records) => $"""
        providers:
          rfc2136:
            server: 127.0.0.1
            port: {Port}
            timeout: 5
            tsig:
              name: {KeyName}
              algorithm: hmac-sha256
              secret: "{Secret}"
        dns:
          zones:
            {Zone}:
              provider: rfc2136
              records:
        {records}
        """;

    private async Task ChangeAsync(params string[] commands)
    {
        var change = await UpdateAsync(commands);
        Assert.True(change.ExitCode == 0, change.Output);
    }

    private Task<DnsRecordSet?> FindAsync(string name, DnsRecordType type, string? secret = null)
    {
        var settings = Rfc2136Settings.From((MapValue)Value.Map([
            KeyValuePair.Create("server", Value.String("127.0.0.1")),
            KeyValuePair.Create("port", Value.Number(Port)),
            KeyValuePair.Create("timeout", Value.Number(5)),
            KeyValuePair.Create("tsig", Value.Map([
                KeyValuePair.Create("name", Value.String(KeyName)),
                KeyValuePair.Create("algorithm", Value.String("hmac-sha256")),
                KeyValuePair.Create("secret", Value.String(secret ?? Secret)),
            ])),
        ]));
        var zone = DnsName.Parse(Zone);
        return new Rfc2136Provider(settings).FindAsync(zone, new DnsRecordKey(DnsName.InZone(name, zone), type), None);
    }
}
