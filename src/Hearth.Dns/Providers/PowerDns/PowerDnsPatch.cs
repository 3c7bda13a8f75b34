using System.Text.Json.Serialization;

namespace Hearth.Dns.Providers.PowerDns;

/// <summary>The body of <c>PATCH /servers/{server}/zones/{zone}</c>: RRsets to replace or delete, applied together.</summary>
internal sealed record PowerDnsPatch([property: JsonPropertyName("rrsets")] IReadOnlyList<PowerDnsRrset> Rrsets);
