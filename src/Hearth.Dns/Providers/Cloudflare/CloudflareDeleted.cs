namespace Hearth.Dns.Providers.Cloudflare;

/// <summary>The result of a delete: the id that was removed.</summary>
internal sealed class CloudflareDeleted
{
    public string? Id { get; set; }
}
