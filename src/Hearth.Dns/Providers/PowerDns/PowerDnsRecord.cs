using System.Text.Json.Serialization;

namespace Hearth.Dns.Providers.PowerDns;

/// <summary>One record of an RRset as the PowerDNS API writes it: its content in zone-file form, full names with dots.</summary>
internal sealed record PowerDnsRecord(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("disabled")] bool Disabled = false);
