using System.Text.Json.Serialization;

namespace Hearth.Dns.Providers.Cloudflare;

/// <summary>The Cloudflare API's JSON, through source generation (no reflection, so the CLI stays trimmable and AOT-ready).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CloudflareResponse<List<CloudflareZone>>))]
[JsonSerializable(typeof(CloudflareResponse<List<CloudflareRecord>>))]
[JsonSerializable(typeof(CloudflareResponse<CloudflareRecord>))]
[JsonSerializable(typeof(CloudflareResponse<CloudflareDeleted>))]
[JsonSerializable(typeof(CloudflareRecord))]
internal sealed partial class CloudflareJson : JsonSerializerContext;
