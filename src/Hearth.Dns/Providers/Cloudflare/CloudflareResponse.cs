namespace Hearth.Dns.Providers.Cloudflare;

/// <summary>The envelope around every answer: <c>success</c>, <c>errors</c>, <c>result</c> and, for listings, <c>result_info</c>.</summary>
internal sealed class CloudflareResponse<T>
{
    public bool Success { get; set; }

    public List<CloudflareMessage>? Errors { get; set; }

    public T? Result { get; set; }

    public CloudflareResultInfo? ResultInfo { get; set; }
}
