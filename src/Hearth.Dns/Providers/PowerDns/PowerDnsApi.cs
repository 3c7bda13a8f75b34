using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hearth.Core.Diagnostics;
using Hearth.Dns.Records;
using Polly;
using Polly.Retry;

namespace Hearth.Dns.Providers.PowerDns;

/// <summary>
/// The two calls Hearth makes to a PowerDNS zone (GET it with its RRsets, PATCH RRsets), and the translation of the
/// API's failures into <see cref="ResourceException"/>s that say what to fix. The API key goes into the X-API-Key
/// header and nowhere else: no message built here contains it.
/// </summary>
internal sealed class PowerDnsApi(HttpClient http, PowerDnsSettings settings, PowerDnsWriteGates gates)
{
    /// <summary>Up to three more tries, 0.2 s, 0.4 s and 0.8 s apart (or as Retry-After says, up to 10 s).</summary>
    private static readonly ResiliencePipeline<HttpResponseMessage> Retry = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(200),
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>()
                .Handle<TaskCanceledException>()
                .HandleResult(response => response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Headers.RetryAfter?.Delta is { } after
                ? (TimeSpan?)(after < TimeSpan.FromSeconds(10) ? after : TimeSpan.FromSeconds(10))
                : null),
            OnRetry = args =>
            {
                args.Outcome.Result?.Dispose(); // The failed answer is replaced by the next try's.
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    /// <exception cref="ResourceException">The server cannot be reached, refuses the key, or has no such zone.</exception>
    public async Task<PowerDnsZone> GetZoneAsync(DnsName zone, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => Request(HttpMethod.Get, zone), $"reading {zone}", cancellationToken);
        await ThrowIfFailedAsync(response, zone, $"reading {zone}", cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync(PowerDnsJsonContext.Default.PowerDnsZone, cancellationToken)
                ?? throw new JsonException("the body is null");
        }
        catch (JsonException e)
        {
            throw new ResourceException($"{settings} answered the listing of {zone} with something that is not a PowerDNS zone: {e.Message}",
                "check that providers.powerdns.url is PowerDNS's webserver", e);
        }
    }

    /// <summary>Sends one RRset change; changes to one zone go one at a time (<see cref="PowerDnsWriteGates"/>).</summary>
    /// <exception cref="ResourceException">The change was refused (bad key, no zone, a record PowerDNS finds invalid).</exception>
    public async Task PatchAsync(DnsName zone, PowerDnsRrset rrset, CancellationToken cancellationToken)
    {
        var doing = $"{(rrset.ChangeType == "DELETE" ? "deleting" : "writing")} {rrset.Name} {rrset.Type} in {zone}";
        HttpRequestMessage Patch()
        {
            var request = Request(HttpMethod.Patch, zone);
            request.Content = Json(new PowerDnsPatch([rrset]), PowerDnsJsonContext.Default.PowerDnsPatch);
            return request;
        }
        var gate = gates.For(settings, zone.Value);
        await gate.WaitAsync(cancellationToken);
        try
        {
            using var response = await SendAsync(Patch, doing, cancellationToken);
            await ThrowIfFailedAsync(response, zone, doing, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private HttpRequestMessage Request(HttpMethod method, DnsName zone)
    {
        // Zone ids are the names with their trailing dot; PowerDNS escapes '/' in ids as =2F, which names here never hold.
        var path = $"servers/{Uri.EscapeDataString(settings.ServerId)}/zones/{Uri.EscapeDataString(zone.Value)}";
        var request = new HttpRequestMessage(method, new Uri(settings.BaseUrl, path));
        request.Headers.Add("X-API-Key", settings.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private static ByteArrayContent Json<T>(T body, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>
    /// Sends a request, again after a pause when the server is briefly unwell (429, 5xx, no connection, no answer in
    /// time), honouring Retry-After. Both calls are safe to repeat: a GET reads, and a PATCH that REPLACEs or DELETEs
    /// an RRset leaves the same zone however often it lands.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, string doing, CancellationToken cancellationToken)
    {
        try
        {
            return await Retry.ExecuteAsync(async token =>
            {
                using var message = request();
                return await http.SendAsync(message, token);
            }, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ResourceException($"cannot reach {settings} while {doing}: {e.Message}",
                "check providers.powerdns.url, and that pdns_server runs with api=yes and webserver=yes and allows this address (webserver-allow-from)", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ResourceException($"{settings} did not answer within {http.Timeout.TotalSeconds:0} s while {doing}",
                "check that the server is up and not overloaded, then run again", e);
        }
    }

    private async Task ThrowIfFailedAsync(HttpResponseMessage response, DnsName zone, string doing, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var error = Redact(await ErrorTextAsync(response, cancellationToken));
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ResourceException(
                $"{settings} refused the API key while {doing} ({status})",
                "check providers.powerdns.api_key: it must equal the api-key setting of the server's pdns.conf"),
            HttpStatusCode.NotFound => new ResourceException(
                $"{settings} has no zone {zone} (404 while {doing}{Detail(error)})",
                $"create the zone first (pdnsutil create-zone {zone.Value.TrimEnd('.')}), or check providers.powerdns.server_id (`{settings.ServerId}`)"),
            HttpStatusCode.UnprocessableEntity => new ResourceException(
                $"{settings} refused {doing}: {error}",
                "PowerDNS checks records as it stores them; correct the record the message names"),
            _ => new ResourceException($"{settings} failed {doing} ({status}{Detail(error)})",
                "see the server's log; run again once it is healthy"),
        };
    }

    private static async Task<string> ErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            if (JsonSerializer.Deserialize(text, PowerDnsJsonContext.Default.PowerDnsError) is { } body)
            {
                var details = body.Errors is { Count: > 0 } errors ? $" ({string.Join("; ", errors)})" : "";
                if (!string.IsNullOrEmpty(body.Error))
                    return body.Error + details;
            }
        }
        catch (JsonException)
        {
            // Not PowerDNS's JSON (a proxy's page, say): show its start as it is.
        }
        text = text.Trim();
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    private static string Detail(string error) => error.Length > 0 ? $": {error}" : "";

    /// <summary>A server never echoes the key, but what it answers is shown to people: make sure.</summary>
    private string Redact(string text) => text.Replace(settings.ApiKey, "(sensitive value)", StringComparison.Ordinal);
}
