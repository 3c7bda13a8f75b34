using System.Text.Json.Serialization;

namespace Hearth.Dns.Providers.PowerDns;

/// <summary>The part of <c>GET /servers/{server}/zones/{zone}</c> Hearth reads: every RRset of the zone.</summary>
internal sealed record PowerDnsZone(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("rrsets")] IReadOnlyList<PowerDnsRrset> Rrsets);
