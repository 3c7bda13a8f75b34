using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Hearth.Dns.Providers.Cloudflare;

internal sealed partial class CloudflareClient
{
    /// <summary>API error codes that mean the token itself was refused (invalid, malformed, or without the permission).</summary>
    private static readonly int[] TokenCodes = [9109, 10000, 6003, 6111];

    /// <summary>One request, one answer: no retry here.</summary>
    /// <exception cref="CloudflareTransientException">429, 5xx, a timeout or a broken connection.</exception>
    /// <exception cref="CloudflareApiException">Any other error the API reports.</exception>
    private async Task<CloudflareResponse<T>> SendOnceAsync<T>(HttpMethod method, string path, CloudflareRecord? body,
        JsonTypeInfo<CloudflareResponse<T>> answerType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _settings.ApiToken.ToText());
        if (body is not null)
            request.Content = JsonContent.Create(body, CloudflareJson.Default.CloudflareRecord);
        var what = $"{method} {path.Split('?')[0]}";
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CloudflareTransientException($"{what}: the connection failed ({e.Message})", mayHaveCommitted: true, inner: e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CloudflareTransientException($"{what}: no answer within {_settings.Timeout.TotalSeconds:0.###} s", mayHaveCommitted: true, inner: e);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                throw new CloudflareTransientException($"{what}: rate limited (429)", mayHaveCommitted: false, RetryAfter(response));
            if ((int)response.StatusCode >= 500)
                throw new CloudflareTransientException($"{what}: {(int)response.StatusCode} {response.ReasonPhrase}", mayHaveCommitted: true, RetryAfter(response));
            CloudflareResponse<T>? answer;
            try
            {
                answer = await response.Content.ReadFromJsonAsync(answerType, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new CloudflareTransientException($"{what}: the answer was cut off ({e.Message})", mayHaveCommitted: true, inner: e);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException)
            {
                throw new CloudflareApiException($"cloudflare: {what} answered {(int)response.StatusCode} with something that is not the API's JSON",
                    "check providers.cloudflare.base_url", response.StatusCode, [], e);
            }
            if (!response.IsSuccessStatusCode || answer is not { Success: true })
                throw Refused(what, response.StatusCode, answer?.Errors ?? []);
            return answer;
        }
    }

    private static CloudflareApiException Refused(string what, HttpStatusCode status, List<CloudflareMessage> errors)
    {
        var codes = errors.SelectMany(e => (e.ErrorChain ?? []).Select(c => c.Code).Prepend(e.Code)).ToList();
        var detail = errors.Count > 0 ? string.Join("; ", errors) : $"HTTP {(int)status}";
        if (status is HttpStatusCode.Unauthorized || codes.Any(TokenCodes.Contains))
        {
            return new CloudflareApiException($"cloudflare refused the API token ({detail})",
                "check providers.cloudflare.api_token: it must be an API token (not the global key) with Zone:Read and DNS:Edit on the zone",
                status, codes);
        }
        return new CloudflareApiException($"cloudflare: {what} was refused ({detail})", null, status, codes);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
