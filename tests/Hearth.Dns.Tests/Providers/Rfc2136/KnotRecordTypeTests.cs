using Hearth.Dns.Resources;
using Hearth.Testing;
using Hearth.Testing.Knot;

namespace Hearth.Dns.Tests.Providers.Rfc2136;

/// <summary>The record-type contract against a real Knot DNS, seen through dig AXFR.</summary>
[Collection(KnotCollection.Name)]
public sealed class KnotRecordTypeTests(KnotServer knot) : DnsRecordTypeContract
{
    private readonly string _zone = knot.TakeZone();

    protected override string Zone => _zone;

    protected override string Provider => "rfc2136";

    protected override string ProvidersYaml => $"""
        providers:
          rfc2136: {"{"} server: {KnotServer.Host}, port: {knot.Port}, timeout: 5, tsig: {"{"} name: {KnotServer.KeyName}, algorithm: hmac-sha256, secret: "{knot.Secret}" {"}"} {"}"}
        """;

    protected override DnsRecordResourceType NewKind() => new();

    protected override Task<string> ServedAsync(EngineHarness engine) => knot.DigTransferAsync(_zone, CancellationToken.None);
}
