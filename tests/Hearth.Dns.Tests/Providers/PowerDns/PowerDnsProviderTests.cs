using System.Collections.Immutable;
using Hearth.Core.Addressing;
using Hearth.Core.Resources;
using Hearth.Core.Values;
using Hearth.Dns.Providers.PowerDns;
using Hearth.Dns.Records;
using Hearth.Testing;

namespace Hearth.Dns.Tests.Providers.PowerDns;

/// <summary>The powerdns provider's listing against a real PowerDNS holding records Hearth does not manage.</summary>
[Collection(PowerDnsCollection.Name)]
public sealed class PowerDnsProviderTests(PowerDnsServer server)
{
    [Fact]
    public async Task A_listing_leaves_out_the_soa_other_types_and_records_that_do_not_read_without_failing()
    {
        var zone = $"l{Guid.NewGuid():N}"[..12] + ".powerdns.test.";
        await server.CreateZoneAsync(zone, CancellationToken.None);
        await server.ReplaceAsync(zone, $"www.{zone}", "A", 300, ["192.0.2.10"], CancellationToken.None);
        await server.ReplaceAsync(zone, $"box.{zone}", "HINFO", 300, ["\"PC\" \"Linux\""], CancellationToken.None);
        await server.ReplaceAsync(zone, $"mail.{zone}", "MX", 300, ["10 192.0.2.25."], CancellationToken.None); // an address as target: Hearth refuses it
        using var http = new HttpClient();
        var provider = new PowerDnsProvider(new PowerDnsApi(http, Settings(), new PowerDnsWriteGates()));

        var sets = await provider.ListAsync(DnsName.Parse(zone), CancellationToken.None);

        Assert.Equal([$"{zone} NS", $"www.{zone} A"], sets.Select(s => s.Key.ToString()));
        Assert.Equal(["192.0.2.10"], sets.Last().Values);
    }

    private PowerDnsSettings Settings() => PowerDnsSettings.From(
        new ProviderSettings(ImmutableDictionary<string, MapValue>.Empty.Add("powerdns", (MapValue)Value.Map([
            KeyValuePair.Create("url", Value.String(server.Url + "/api/v1")),
            KeyValuePair.Create("api_key", Value.String(server.ApiKey)),
        ]))),
        ResourceAddress.Parse("dns_record.test.www_A"));
}
