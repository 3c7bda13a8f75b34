namespace Hearth.Dns.Providers.Cloudflare;

/// <summary>The structured value of SRV (priority, weight, port, target) and CAA (flags, tag, value) records.</summary>
internal sealed class CloudflareRecordData
{
    public int? Priority { get; set; }

    public int? Weight { get; set; }

    public int? Port { get; set; }

    public string? Target { get; set; }

    public int? Flags { get; set; }

    public string? Tag { get; set; }

    public string? Value { get; set; }
}
