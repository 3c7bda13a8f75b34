using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Hearth.Dns.Providers.Ovh;

internal sealed partial class OvhClient
{
    /// <summary>Error codes that mean the keys themselves were refused (wrong, expired, from another endpoint, or a bad signature).</summary>
    private static readonly string[] KeyCodes = ["INVALID_SIGNATURE", "INVALID_KEY", "INVALID_CREDENTIAL", "NOT_CREDENTIAL", "QUERY_TIME_OUT"];

    /// <summary>One request, one answer, signed with the keys and the server-aligned time: no retry here.</summary>
    /// <returns>The answer, or default for the API's literal <c>null</c>.</returns>
    /// <exception cref="OvhTransientException">429, 5xx, a timeout or a broken connection.</exception>
    /// <exception cref="OvhApiException">Any other error the API reports.</exception>
    private async Task<T?> SendOnceAsync<T>(HttpMethod method, string path, OvhRecord? body, JsonTypeInfo<T> answerType, bool signed, CancellationToken cancellationToken)
    {
        var url = _settings.Url(path);
        using var request = new HttpRequestMessage(method, new Uri(url));
        var text = body is null ? "" : JsonSerializer.Serialize(body, OvhJson.Default.OvhRecord);
        if (body is not null)
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        request.Headers.Add("Accept", "application/json");
        request.Headers.Add("X-Ovh-Application", _settings.ApplicationKey);
        if (signed)
        {
            var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds() + await DeltaAsync(cancellationToken);
            var consumerKey = _settings.ConsumerKey.ToText();
            request.Headers.Add("X-Ovh-Consumer", consumerKey);
            request.Headers.Add("X-Ovh-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Ovh-Signature", OvhSignature.Sign(_settings.ApplicationSecret.ToText(), consumerKey, method.Method, request.RequestUri!.AbsoluteUri, text, timestamp));
        }
        var what = $"{method} {path.Split('?')[0]}";
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new OvhTransientException($"{what}: the connection failed ({e.Message})", mayHaveCommitted: true, inner: e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OvhTransientException($"{what}: no answer within {_settings.Timeout.TotalSeconds:0.###} s", mayHaveCommitted: true, inner: e);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                throw new OvhTransientException($"{what}: rate limited (429)", mayHaveCommitted: false, RetryAfter(response));
            if ((int)response.StatusCode >= 500)
                throw new OvhTransientException($"{what}: {(int)response.StatusCode} {response.ReasonPhrase}", mayHaveCommitted: true, RetryAfter(response));
            string answer;
            try
            {
                answer = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new OvhTransientException($"{what}: the answer was cut off ({e.Message})", mayHaveCommitted: true, inner: e);
            }
            if (!response.IsSuccessStatusCode)
                throw Refused(what, response, answer);
            try
            {
                return answer.Length == 0 ? default : JsonSerializer.Deserialize(answer, answerType);
            }
            catch (JsonException e)
            {
                throw new OvhApiException($"ovh: {what} answered {(int)response.StatusCode} with something that is not the API's JSON",
                    "check providers.ovh.endpoint", response.StatusCode, null, e);
            }
        }
    }

    private static OvhApiException Refused(string what, HttpResponseMessage response, string answer)
    {
        OvhError? error = null;
        try
        {
            error = answer.Length == 0 ? null : JsonSerializer.Deserialize(answer, OvhJson.Default.OvhError);
        }
        catch (JsonException)
        {
            // Not the API's error JSON (a proxy's page): reported by status alone.
        }
        var status = response.StatusCode;
        var code = error?.ErrorCode ?? error?.Class;
        var detail = error is null ? $"HTTP {(int)status}" : $"{(int)status} {error}";
        if (response.Headers.TryGetValues("X-Ovh-QueryID", out var ids))
            detail += $", query {ids.First()}";
        if (code is not null && KeyCodes.Contains(code))
        {
            return new OvhApiException($"ovh refused the API keys ({detail})",
                "check providers.ovh: application_key, application_secret and consumer_key must come from the same endpoint, and the consumer key must be validated and not expired",
                status, code);
        }
        if (code == "NOT_GRANTED_CALL")
        {
            return new OvhApiException($"ovh: {what} is not allowed for the consumer key ({detail})",
                "create a consumer key with GET, POST, PUT and DELETE on /domain/zone/*", status, code);
        }
        return new OvhApiException($"ovh: {what} was refused ({detail})", null, status, code);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
