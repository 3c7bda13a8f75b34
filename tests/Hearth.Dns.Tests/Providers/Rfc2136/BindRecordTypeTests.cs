using Hearth.Dns.Resources;
using Hearth.Testing;
using Hearth.Testing.Bind;

namespace Hearth.Dns.Tests.Providers.Rfc2136;

/// <summary>The record-type contract against a real BIND, seen through dig AXFR.</summary>
[Collection(BindCollection.Name)]
public sealed class BindRecordTypeTests(BindServer bind) : DnsRecordTypeContract
{
    private readonly string _zone = bind.TakeZone();

    protected override string Zone => _zone;

    protected override string Provider => "rfc2136";

    protected override string ProvidersYaml => $"""
        providers:
          rfc2136: {"{"} server: {BindServer.Host}, port: {bind.Port}, timeout: 5, tsig: {"{"} name: {BindServer.Sha256KeyName}, algorithm: hmac-sha256, secret: "{bind.Sha256Secret}" {"}"} {"}"}
        """;

    protected override DnsRecordResourceType NewKind() => new();

    protected override Task<string> ServedAsync(EngineHarness engine) => bind.DigTransferAsync(_zone, CancellationToken.None);
}
