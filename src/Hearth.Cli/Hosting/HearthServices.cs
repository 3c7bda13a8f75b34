using Hearth.Core.Labs;
using Hearth.Core.Resources;
using Hearth.Core.Resources.BuiltIn;
using Hearth.Core.Secrets;
using Hearth.Core.State.Remote;
using Hearth.Dns;
using Hearth.Storage;

namespace Hearth.Cli.Hosting;

/// <summary>What the modules contribute, composed once: resource kinds, lab sections, remote state backends, the secrets resolver.</summary>
internal sealed record HearthServices(ResourceTypeRegistry Registry, IReadOnlyList<ILabSection> Sections, IReadOnlyList<IRemoteStateKind> StateKinds,
    ISecretResolver Secrets, string Version)
{
    /// <param name="environment">Where the secrets resolver finds age keys (SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, …).</param>
    public static HearthServices CreateDefault(IReadOnlyDictionary<string, string> environment)
    {
        var dns = DnsModule.Create();
        var storage = StorageModule.Create(environment);
        return new(
            new ResourceTypeRegistry([.. BuiltInResourceTypes.Create(), .. dns.Kinds, .. storage.Kinds]),
            [.. dns.Sections, .. storage.Sections],
            storage.StateKinds,
            new SopsSecretResolver(environment),
            typeof(HearthServices).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
    }
}
