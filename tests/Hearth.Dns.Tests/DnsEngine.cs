using Hearth.Dns.Resources;
using Hearth.Testing;

namespace Hearth.Dns.Tests;

/// <summary>An engine with the DNS module's kinds and section, around a record kind that may talk to a test's fake API.</summary>
internal static class DnsEngine
{
    public static EngineHarness Harness(string hearthYaml, DnsRecordResourceType records, params (string Path, string Content)[] files)
    {
        var dns = DnsModule.Create(records);
        return new EngineHarness(hearthYaml, dns.Kinds, dns.Sections, files);
    }
}
