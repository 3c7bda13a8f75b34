using Hearth.Dns.Resources;
using Hearth.Testing;

namespace Hearth.Dns.Tests.Providers.ZoneFile;

/// <summary>The record-type contract with the zonefile provider, seen in the file, which BIND's named-checkzone must accept.</summary>
public sealed class ZoneFileRecordTypeTests : DnsRecordTypeContract
{
    protected override string Zone => "lab.example";

    protected override string Provider => "zonefile";

    protected override string ProvidersYaml => """
        providers:
          zonefile: { directory: zones, name_servers: [ns1.provider.test.] }
        """;

    protected override DnsRecordResourceType NewKind() => new();

    protected override async Task<string> ServedAsync(EngineHarness engine)
    {
        var path = engine.Lab.PathOf("zones/lab.example.zone");
        var check = await BindZoneTools.CheckAsync("lab.example", path, CancellationToken.None);
        Assert.True(check.ExitCode == 0, check.Output);
        return await File.ReadAllTextAsync(path);
    }
}
