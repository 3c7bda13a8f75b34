using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;

namespace Hearth.Dns.Providers.PowerDns;

/// <summary>
/// <c>providers.powerdns</c>: where the API is (<c>url</c>, the webserver's address), the key it wants
/// (<c>api_key</c>) and which server of that API holds the zones (<c>server_id</c>, <c>localhost</c> for an
/// authoritative server). The key is never part of <see cref="ToString"/> or any message.
/// </summary>
internal sealed class PowerDnsSettings
{
    public const string DefaultServerId = "localhost";

    private PowerDnsSettings(Uri baseUrl, string apiKey, string serverId)
    {
        BaseUrl = baseUrl;
        ApiKey = apiKey;
        ServerId = serverId;
    }

    /// <summary>The API's root, ending in <c>/api/v1/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Sent as the X-API-Key header only; sensitive.</summary>
    public string ApiKey { get; }

    public string ServerId { get; }

    /// <summary>The address people configure: the URL without <c>/api/v1</c>.</summary>
    public string Server => BaseUrl.GetLeftPart(UriPartial.Authority);

    /// <exception cref="ResourceException">The provider is not configured, or url or api_key is missing or malformed.</exception>
    public static PowerDnsSettings From(ProviderSettings providers, ResourceAddress user)
    {
        var settings = providers.Require(PowerDnsProvider.Kind, user);
        var url = settings.GetString("url");
        if (string.IsNullOrWhiteSpace(url))
            throw Missing(user, "url", "the address of PowerDNS's webserver, e.g. url: http://127.0.0.1:8081");
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") ||
            !string.IsNullOrEmpty(parsed.Query) || !string.IsNullOrEmpty(parsed.Fragment))
            throw new ResourceException($"{user}: providers.powerdns.url `{url}` is not an http(s) URL",
                "give the webserver's address, e.g. http://127.0.0.1:8081 (the webserver-address and webserver-port settings of pdns.conf)");
        if (settings.GetString("api_key") is not { Length: > 0 } key)
            throw Missing(user, "api_key", "the api-key setting of pdns.conf, best kept in a secret file: api_key: \"${secret:…}\"");
        var serverId = settings.GetString("server_id") is { Length: > 0 } id ? id : DefaultServerId;
        return new PowerDnsSettings(ApiRoot(parsed), key, serverId);
    }

    public override string ToString() => $"PowerDNS {Server} server {ServerId}";

    /// <summary>Accepts the webserver's address with or without the API's path (<c>…/api/v1</c>, as pdns.conf examples write it).</summary>
    private static Uri ApiRoot(Uri url)
    {
        var path = url.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/api/v1", StringComparison.Ordinal))
            path = path[..^"/api/v1".Length];
        return new Uri(url, path + "/api/v1/");
    }

    private static ResourceException Missing(ResourceAddress user, string setting, string what) =>
        new($"{user}: providers.powerdns has no `{setting}`", $"add {setting}: {what}");
}
