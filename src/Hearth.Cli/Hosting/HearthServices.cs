using Hearth.Core.Labs;
using Hearth.Core.Resources;
using Hearth.Core.Resources.BuiltIn;
using Hearth.Core.Secrets;

namespace Hearth.Cli.Hosting;

/// <summary>What the modules contribute, composed once: resource kinds, lab sections, the secrets resolver.</summary>
internal sealed record HearthServices(ResourceTypeRegistry Registry, IReadOnlyList<ILabSection> Sections, ISecretResolver Secrets, string Version)
{
    public static HearthServices CreateDefault() => new(
        new ResourceTypeRegistry(BuiltInResourceTypes.Create()),
        [],
        new UnavailableSecretResolver(),
        typeof(HearthServices).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
}
