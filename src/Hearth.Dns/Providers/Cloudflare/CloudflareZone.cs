namespace Hearth.Dns.Providers.Cloudflare;

/// <summary>The fields of a zone Hearth uses: its id, to reach its records.</summary>
internal sealed class CloudflareZone
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}
