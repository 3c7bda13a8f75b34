using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;
using Hearth.Core.Values;
using Hearth.Dns.Providers.Rfc2136;

namespace Hearth.Dns.Providers;

/// <summary>Makes the provider a zone names, from the lab's settings for it.</summary>
internal sealed class DnsProviders(TimeProvider clock)
{
    /// <summary>The providers the lab format names; those not built yet are refused with a clear message.</summary>
    public static readonly string[] Known = ["cloudflare", "ovh", Rfc2136Provider.Kind, "powerdns", ZoneFileProvider.Kind];

    private readonly ZoneFileLocks _zoneFileLocks = new();

    /// <exception cref="ResourceException">The provider is unknown, not available in this build, or not configured.</exception>
    public IDnsZoneProvider Create(string kind, ResourceRequest request)
    {
        switch (kind)
        {
            case ZoneFileProvider.Kind:
                var settings = request.Providers.Find(kind) ?? new MapValue(ValueMap.Empty); // Every setting has a default.
                var directory = Path.GetFullPath(settings.GetString("directory") ?? "zones", request.LabDirectory);
                return new ZoneFileProvider(directory, settings, _zoneFileLocks, clock);
            case Rfc2136Provider.Kind:
                return new Rfc2136Provider(Rfc2136Settings.From(request.Providers.Require(kind, request.Address)));
            default:
                throw Unavailable(kind, request.Address);
        }
    }

    public static ResourceException Unavailable(string kind, ResourceAddress address) => Known.Contains(kind)
        ? new ResourceException($"{address}: the `{kind}` DNS provider is not available in this build yet", "use provider: zonefile, or a build with that provider")
        : new ResourceException($"{address}: `{kind}` is not a DNS provider", $"use one of {string.Join(", ", Known)}");
}
