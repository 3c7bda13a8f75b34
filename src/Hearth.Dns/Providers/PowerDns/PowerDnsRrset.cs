using System.Text.Json.Serialization;

namespace Hearth.Dns.Providers.PowerDns;

/// <summary>
/// An RRset in the PowerDNS API: read from a zone's listing, or sent in a PATCH with its <see cref="ChangeType"/>
/// (REPLACE with records and TTL, DELETE with neither).
/// </summary>
internal sealed record PowerDnsRrset(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("ttl")] int? Ttl = null,
    [property: JsonPropertyName("records")] IReadOnlyList<PowerDnsRecord>? Records = null,
    [property: JsonPropertyName("changetype")] string? ChangeType = null);
