namespace Hearth.Dns.Providers.Cloudflare;

/// <summary>Where a page sits in a listing (1-based).</summary>
internal sealed class CloudflareResultInfo
{
    public int Page { get; set; }

    public int PerPage { get; set; }

    public int Count { get; set; }

    public int TotalCount { get; set; }

    public int TotalPages { get; set; }
}
