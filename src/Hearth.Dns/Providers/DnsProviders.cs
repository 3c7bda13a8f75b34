using System.Collections.Concurrent;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;
using Hearth.Core.Values;
using Hearth.Dns.Providers.Cloudflare;

namespace Hearth.Dns.Providers;

/// <summary>Makes the provider a zone names, from the lab's settings for it.</summary>
/// <param name="httpHandler">
/// Sends the HTTP requests of API providers (Cloudflare): tests pass an in-process fake; null means real network
/// connections. One handler serves the whole run, so connections are reused.
/// </param>
internal sealed class DnsProviders(TimeProvider clock, HttpMessageHandler? httpHandler = null)
{
    /// <summary>The providers the lab format names; those not built yet are refused with a clear message.</summary>
    public static readonly string[] Known = ["cloudflare", "ovh", "rfc2136", "powerdns", ZoneFileProvider.Kind];

    private readonly ZoneFileLocks _zoneFileLocks = new();
    private readonly Lazy<HttpMessageHandler> _httpHandler = new(() => httpHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
    private readonly ConcurrentDictionary<CloudflareSettings, Lazy<CloudflareClient>> _cloudflare = new();

    /// <exception cref="ResourceException">The provider is unknown, not available in this build, or not configured.</exception>
    public IDnsZoneProvider Create(string kind, ResourceRequest request)
    {
        switch (kind)
        {
            case ZoneFileProvider.Kind:
                var settings = request.Providers.Find(kind) ?? new MapValue(ValueMap.Empty); // Every setting has a default.
                var directory = Path.GetFullPath(settings.GetString("directory") ?? "zones", request.LabDirectory);
                return new ZoneFileProvider(directory, settings, _zoneFileLocks, clock);
            case CloudflareProvider.Kind:
                var cloudflare = CloudflareSettings.From(request.Providers, request.Address);
                return new CloudflareProvider(_cloudflare.GetOrAdd(cloudflare, s => new Lazy<CloudflareClient>(() => new CloudflareClient(_httpHandler.Value, s))).Value);
            default:
                throw Unavailable(kind, request.Address);
        }
    }

    public static ResourceException Unavailable(string kind, ResourceAddress address) => Known.Contains(kind)
        ? new ResourceException($"{address}: the `{kind}` DNS provider is not available in this build yet", "use provider: zonefile, or a build with that provider")
        : new ResourceException($"{address}: `{kind}` is not a DNS provider", $"use one of {string.Join(", ", Known)}");
}
