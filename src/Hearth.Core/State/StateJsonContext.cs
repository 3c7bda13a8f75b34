using System.Text.Json.Serialization;

namespace Hearth.Core.State;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(LockInfo))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
