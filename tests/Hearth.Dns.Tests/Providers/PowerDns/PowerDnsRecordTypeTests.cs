using Hearth.Dns.Resources;
using Hearth.Testing;

namespace Hearth.Dns.Tests.Providers.PowerDns;

/// <summary>The record-type contract against a real PowerDNS, seen through its API's zone document.</summary>
[Collection(PowerDnsCollection.Name)]
public sealed class PowerDnsRecordTypeTests(PowerDnsServer server) : DnsRecordTypeContract
{
    private readonly string _zone = $"c{Guid.NewGuid():N}"[..12] + ".powerdns.test.";

    protected override string Zone => _zone;

    protected override string Provider => "powerdns";

    protected override string ProvidersYaml => $$"""
        providers:
          powerdns: { url: "{{server.Url}}", api_key: "{{server.ApiKey}}" }
        """;

    protected override DnsRecordResourceType NewKind() => new();

    protected override Task PrepareZoneAsync() => server.CreateZoneAsync(_zone, CancellationToken.None);

    protected override Task<string> ServedAsync(EngineHarness engine) => server.ZoneJsonAsync(_zone, CancellationToken.None);
}
