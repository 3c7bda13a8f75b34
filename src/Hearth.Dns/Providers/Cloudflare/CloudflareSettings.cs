using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;
using Hearth.Core.Values;

namespace Hearth.Dns.Providers.Cloudflare;

/// <summary>
/// <c>providers.cloudflare</c>. The token is kept as a <see cref="SensitiveValue"/>, so printing the settings (or a
/// record holding them) shows <c>(sensitive value)</c>, never the token.
/// </summary>
internal sealed record CloudflareSettings(
    SensitiveValue ApiToken,
    Uri BaseUrl,
    int PageSize,
    int Retries,
    TimeSpan RetryDelay,
    TimeSpan MaxRetryDelay,
    TimeSpan Timeout)
{
    public const string Kind = "cloudflare";
    public const string DefaultBaseUrl = "https://api.cloudflare.com/client/v4/";

    /// <summary>
    /// Records per listing page. The API allows up to 5,000,000; 5,000 keeps one answer to a few megabytes while a
    /// zone of the plans' size (a few thousand records) still lists in one or two calls.
    /// </summary>
    public const int DefaultPageSize = 5000;

    public const int MaxPageSize = 5_000_000;

    /// <exception cref="ResourceException">The lab does not configure the provider, gives no token, or a setting is out of range.</exception>
    public static CloudflareSettings From(ProviderSettings providers, ResourceAddress user)
    {
        var settings = providers.Require(Kind, user);
        var token = settings.GetString("api_token");
        if (string.IsNullOrWhiteSpace(token))
            throw new ResourceException($"{user}: providers.cloudflare has no api_token", "add api_token: \"${secret:secrets/cloudflare.yaml#api_token}\" (a token with Zone:Read and DNS:Edit)");
        var baseUrl = settings.GetString("base_url") ?? DefaultBaseUrl;
        if (!Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new ResourceException($"{user}: providers.cloudflare.base_url `{baseUrl}` is not an http(s) URL", $"leave it out to use {DefaultBaseUrl}");
        return new CloudflareSettings(
            (SensitiveValue)Value.String(token).MarkSensitive(),
            uri,
            (int)Number(settings, "page_size", DefaultPageSize, 1, MaxPageSize, user),
            (int)Number(settings, "retries", 5, 0, 100, user),
            TimeSpan.FromSeconds((double)Number(settings, "retry_delay", 1, 0, 3600, user)),
            TimeSpan.FromSeconds((double)Number(settings, "max_retry_delay", 60, 0, 3600, user)),
            TimeSpan.FromSeconds((double)Number(settings, "timeout", 30, 0.001m, 3600, user)));
    }

    private static decimal Number(MapValue settings, string name, decimal fallback, decimal min, decimal max, ResourceAddress user)
    {
        var value = settings.GetNumber(name)
            ?? (decimal.TryParse(settings.GetString(name), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback);
        if (value < min || value > max)
            throw new ResourceException($"{user}: providers.cloudflare.{name} is {value}; it must be from {min} to {max}", $"leave it out for the default, {fallback}");
        return value;
    }
}
