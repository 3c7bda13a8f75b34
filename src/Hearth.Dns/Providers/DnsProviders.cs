using System.Collections.Concurrent;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;
using Hearth.Core.Values;
using Hearth.Dns.Providers.Cloudflare;
using Hearth.Dns.Providers.Ovh;
using Hearth.Dns.Providers.PowerDns;
using Hearth.Dns.Providers.Rfc2136;
using Hearth.Dns.Records;

namespace Hearth.Dns.Providers;

/// <summary>
/// Makes the provider a zone names, from the lab's settings for it. The HTTP providers share one handler (and its
/// connection pool) for as long as the resource kind lives, rather than opening connections per record.
/// </summary>
/// <param name="http">The handler under the HTTP providers' clients; tests pass an in-process fake, or one that counts calls.</param>
internal sealed class DnsProviders(TimeProvider clock, HttpMessageHandler? http = null) : IDisposable
{
    /// <summary>How long one API call may take before it fails the operation.</summary>
    public static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The providers a zone may name.</summary>
    public static readonly string[] Known = ["cloudflare", "ovh", Rfc2136Provider.Kind, PowerDnsProvider.Kind, ZoneFileProvider.Kind];

    private readonly ZoneFileLocks _zoneFileLocks = new();
    private readonly ConcurrentDictionary<(string Target, DnsName Zone), DnsWriteBatcher> _batchers = new();
    private readonly PowerDnsWriteGates _powerDnsGates = new();
    private readonly HttpMessageHandler _handler = http ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
    private readonly ConcurrentDictionary<CloudflareSettings, Lazy<CloudflareClient>> _cloudflare = new();
    private readonly ConcurrentDictionary<OvhSettings, Lazy<OvhClient>> _ovh = new();
    private HttpClient? _powerDnsClient;

    /// <exception cref="ResourceException">The provider is unknown, not available in this build, or not configured.</exception>
    public IDnsZoneProvider Create(string kind, ResourceRequest request)
    {
        switch (kind)
        {
            case ZoneFileProvider.Kind:
                var settings = request.Providers.Find(kind) ?? new MapValue(ValueMap.Empty); // Every setting has a default.
                var directory = Path.GetFullPath(settings.GetString("directory") ?? "zones", request.LabDirectory);
                return Batched(new ZoneFileProvider(directory, settings, _zoneFileLocks, clock));
            case Rfc2136Provider.Kind:
                return Batched(new Rfc2136Provider(Rfc2136Settings.From(request.Providers.Require(kind, request.Address))));
            case PowerDnsProvider.Kind:
                return new PowerDnsProvider(new PowerDnsApi(PowerDnsClient, PowerDnsSettings.From(request.Providers, request.Address), _powerDnsGates));
            case CloudflareProvider.Kind:
                var cloudflare = CloudflareSettings.From(request.Providers, request.Address);
                return new CloudflareProvider(_cloudflare.GetOrAdd(cloudflare, s => new Lazy<CloudflareClient>(() => new CloudflareClient(_handler, s))).Value);
            case OvhProvider.Kind:
                var ovh = OvhSettings.From(request.Providers, request.Address);
                return Batched(new OvhProvider(_ovh.GetOrAdd(ovh, s => new Lazy<OvhClient>(() => new OvhClient(_handler, s, clock))).Value));
            default:
                throw Unknown(kind, request.Address);
        }
    }

    /// <summary>True when the provider sends changes made at about the same time together (see <see cref="DnsWriteBatcher"/>).</summary>
    public static bool Batches(string kind) => kind is Rfc2136Provider.Kind or ZoneFileProvider.Kind or OvhProvider.Kind;

    /// <summary>Changes to one zone on one target go through one batcher, whichever record's request made the provider.</summary>
    private BatchedZoneProvider Batched(IBatchingDnsZoneProvider provider) =>
        new(provider, zone => _batchers.GetOrAdd((provider.Target, zone), key => new DnsWriteBatcher(provider, key.Zone)));

    public static ResourceException Unknown(string kind, ResourceAddress address) =>
        new($"{address}: `{kind}` is not a DNS provider", $"use one of {string.Join(", ", Known)}");

    /// <summary>PowerDNS's client, made on first use over the shared handler.</summary>
    private HttpClient PowerDnsClient => LazyInitializer.EnsureInitialized(ref _powerDnsClient,
        () => new HttpClient(_handler, disposeHandler: false) { Timeout = HttpTimeout });

    public void Dispose()
    {
        _powerDnsClient?.Dispose();
        foreach (var cloudflare in _cloudflare.Values.Where(c => c.IsValueCreated))
            cloudflare.Value.Dispose();
        foreach (var ovh in _ovh.Values.Where(c => c.IsValueCreated))
            ovh.Value.Dispose();
        if (http is null)
            _handler.Dispose(); // Ours; a handler passed in belongs to whoever passed it.
    }
}
