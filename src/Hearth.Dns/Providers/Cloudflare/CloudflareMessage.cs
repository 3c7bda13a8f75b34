namespace Hearth.Dns.Providers.Cloudflare;

/// <summary>One entry of <c>errors</c> or <c>messages</c>; nested causes in <c>error_chain</c>.</summary>
internal sealed class CloudflareMessage
{
    public int Code { get; set; }

    public string? Message { get; set; }

    public List<CloudflareMessage>? ErrorChain { get; set; }

    public override string ToString() =>
        ErrorChain is { Count: > 0 } chain ? $"{Code} {Message} ({string.Join("; ", chain)})" : $"{Code} {Message}";
}
