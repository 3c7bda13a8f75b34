using Hearth.Dns.Resources;
using Hearth.Testing;
using Hearth.Testing.Ovh;

namespace Hearth.Dns.Tests.Providers.Ovh;

/// <summary>The record-type contract against the OVH fake, seen through the records it has published.</summary>
public sealed class OvhRecordTypeTests : DnsRecordTypeContract, IDisposable
{
    private readonly FakeOvh _fake = OvhLab.NewFake();

    protected override string Zone => OvhLab.Zone;

    protected override string Provider => "ovh";

    protected override string ProvidersYaml => OvhLab.Providers();

    protected override DnsRecordResourceType NewKind() => new(TimeProvider.System, _fake);

    protected override Task<string> ServedAsync(EngineHarness engine) => Task.FromResult(string.Join('\n',
        _fake.Published(OvhLab.Zone).Select(r => $"{r.SubDomain} {r.FieldType} {r.Target}")));

    public void Dispose() => _fake.Dispose();
}
