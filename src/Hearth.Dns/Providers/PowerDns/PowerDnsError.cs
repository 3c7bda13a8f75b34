using System.Text.Json.Serialization;

namespace Hearth.Dns.Providers.PowerDns;

/// <summary>The body PowerDNS answers a failed call with: <c>{"error": "…"}</c>, with details in <c>errors</c> for some 422s.</summary>
internal sealed record PowerDnsError(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("errors")] IReadOnlyList<string>? Errors = null);
