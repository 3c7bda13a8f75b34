using System.Text.Json.Serialization;

namespace Hearth.Dns.Providers.Ovh;

/// <summary>The OVH API's JSON (camelCase), through source generation.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OvhRecord))]
[JsonSerializable(typeof(OvhError))]
[JsonSerializable(typeof(List<long>))]
[JsonSerializable(typeof(long))]
internal sealed partial class OvhJson : JsonSerializerContext;
