namespace Hearth.Dns.Providers.Cloudflare;

/// <summary>
/// One DNS record as the API sends and takes it. Cloudflare keeps one record per value; the simple types carry it
/// in <c>content</c>, MX adds <c>priority</c>, SRV and CAA use <c>data</c>. Null fields are left out of requests,
/// so the same type serves for a full create and a partial PATCH.
/// </summary>
internal sealed class CloudflareRecord
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    public string? Name { get; set; }

    public string? Content { get; set; }

    public int? Ttl { get; set; }

    public bool? Proxied { get; set; }

    /// <summary>Sent as "" to clear a comment (null leaves it out of a PATCH).</summary>
    public string? Comment { get; set; }

    public int? Priority { get; set; }

    public CloudflareRecordData? Data { get; set; }
}
