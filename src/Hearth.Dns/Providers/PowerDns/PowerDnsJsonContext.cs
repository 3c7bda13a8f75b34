using System.Text.Json.Serialization;

namespace Hearth.Dns.Providers.PowerDns;

/// <summary>Source-generated JSON for the PowerDNS API's bodies (no reflection, so the provider works trimmed and AOT).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PowerDnsZone))]
[JsonSerializable(typeof(PowerDnsPatch))]
[JsonSerializable(typeof(PowerDnsError))]
internal sealed partial class PowerDnsJsonContext : JsonSerializerContext;
