using Hearth.Dns.Resources;
using Hearth.Testing;
using Hearth.Testing.Cloudflare;

namespace Hearth.Dns.Tests.Providers.Cloudflare;

/// <summary>The record-type contract against the Cloudflare fake, seen through the records it stores.</summary>
public sealed class CloudflareRecordTypeTests : DnsRecordTypeContract, IDisposable
{
    private readonly FakeCloudflare _fake = new();

    public CloudflareRecordTypeTests() => _fake.AddZone(CloudflareLab.Zone);

    protected override string Zone => CloudflareLab.Zone;

    protected override string Provider => "cloudflare";

    protected override string ProvidersYaml => CloudflareLab.Providers();

    protected override DnsRecordResourceType NewKind() => new(TimeProvider.System, _fake);

    protected override Task<string> ServedAsync(EngineHarness engine) => Task.FromResult(string.Join('\n',
        _fake.Records(CloudflareLab.Zone).Select(r => $"{r.Name} {r.Type} {r.Priority} {r.Content} {r.Data?.ToJsonString()}")));

    public void Dispose() => _fake.Dispose();
}
