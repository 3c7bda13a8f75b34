using System.Globalization;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;
using Hearth.Core.Values;

namespace Hearth.Dns.Providers.Ovh;

/// <summary>
/// <c>providers.ovh</c>. The application secret and consumer key are kept as <see cref="SensitiveValue"/>s, so
/// printing the settings (or a record holding them) never shows them. The application key is a public id, but it is
/// left out of messages all the same.
/// </summary>
internal sealed record OvhSettings(
    Uri BaseUrl,
    string ApplicationKey,
    SensitiveValue ApplicationSecret,
    SensitiveValue ConsumerKey,
    int Retries,
    TimeSpan RetryDelay,
    TimeSpan MaxRetryDelay,
    TimeSpan Timeout)
{
    public const string Kind = "ovh";

    /// <summary>The named endpoints of the API (shared/specs/ovh-api.md §1); keys made on one are refused by the others.</summary>
    public static readonly IReadOnlyDictionary<string, string> Endpoints = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ovh-eu"] = "https://eu.api.ovh.com/1.0",
        ["ovh-ca"] = "https://ca.api.ovh.com/1.0",
        ["ovh-us"] = "https://api.us.ovhcloud.com/1.0",
    };

    /// <exception cref="ResourceException">The lab does not configure the provider, leaves out a key, or a setting is out of range.</exception>
    public static OvhSettings From(ProviderSettings providers, ResourceAddress user)
    {
        var settings = providers.Require(Kind, user);
        var endpoint = settings.GetString("endpoint") ?? "ovh-eu";
        var url = Endpoints.TryGetValue(endpoint, out var known) ? known : endpoint.TrimEnd('/');
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new ResourceException($"{user}: providers.ovh.endpoint `{endpoint}` is neither an endpoint name nor an http(s) URL",
                $"use one of {string.Join(", ", Endpoints.Keys)}, or the API's base URL (https://eu.api.ovh.com/1.0)");
        }
        return new OvhSettings(
            uri,
            Required(settings, "application_key", user),
            (SensitiveValue)Value.String(Required(settings, "application_secret", user)).MarkSensitive(),
            (SensitiveValue)Value.String(Required(settings, "consumer_key", user)).MarkSensitive(),
            (int)Number(settings, "retries", 5, 0, 100, user),
            TimeSpan.FromSeconds((double)Number(settings, "retry_delay", 1, 0, 3600, user)),
            TimeSpan.FromSeconds((double)Number(settings, "max_retry_delay", 60, 0, 3600, user)),
            TimeSpan.FromSeconds((double)Number(settings, "timeout", 30, 0.001m, 3600, user)));
    }

    /// <summary>The full URL of an API path (which starts with <c>/</c>), as it is sent and signed.</summary>
    public string Url(string path) => BaseUrl.AbsoluteUri.TrimEnd('/') + path;

    private static string Required(MapValue settings, string name, ResourceAddress user)
    {
        var text = settings.GetString(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ResourceException($"{user}: providers.ovh has no {name}",
                $"add {name}: \"${{secret:secrets/ovh.yaml#{name}}}\" (create the application and consumer key at https://eu.api.ovh.com/createToken/)");
        }
        return text;
    }

    private static decimal Number(MapValue settings, string name, decimal fallback, decimal min, decimal max, ResourceAddress user)
    {
        var value = settings.GetNumber(name)
            ?? (decimal.TryParse(settings.GetString(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback);
        if (value < min || value > max)
            throw new ResourceException($"{user}: providers.ovh.{name} is {value}; it must be from {min} to {max}", $"leave it out for the default, {fallback}");
        return value;
    }
}
