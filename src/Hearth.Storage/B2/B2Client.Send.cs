using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Hearth.Storage.B2;

internal sealed partial class B2Client
{
    /// <summary>One JSON call to the API URL with the account token: no retry, no re-authorisation here.</summary>
    private async Task<TAnswer> PostOnceAsync<TBody, TAnswer>(B2Authorization authorization, string api, TBody body,
        JsonTypeInfo<TBody> bodyType, JsonTypeInfo<TAnswer> answerType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiUrl(authorization, api)) { Content = JsonContent.Create(body, bodyType) };
        request.Headers.TryAddWithoutValidation("Authorization", authorization.AuthorizationToken);
        using var response = await SendAsync(api, request, cancellationToken);
        await ThrowIfRefusedAsync(api, response, cancellationToken);
        return await ReadAsync(api, response, answerType, cancellationToken);
    }

    /// <exception cref="B2TransientException">A timeout or a failed connection.</exception>
    private async Task<HttpResponseMessage> SendAsync(string api, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new B2TransientException($"{api}: the connection failed ({Redact(e.Message)})", 0, B2ApiException.NoAnswer);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new B2TransientException($"{api}: no answer within {_settings.Timeout.TotalSeconds:0.###} s", 0, B2ApiException.NoAnswer);
        }
    }

    /// <summary>Nothing when the call succeeded; otherwise the envelope as a transient or a permanent error.</summary>
    /// <exception cref="B2TransientException">429, 500, 503 (or 408).</exception>
    /// <exception cref="B2ApiException">Any other error.</exception>
    private async Task ThrowIfRefusedAsync(string api, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var status = (int)response.StatusCode;
        B2Error? error;
        try
        {
            error = await response.Content.ReadFromJsonAsync(B2Json.Default.B2Error, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or HttpRequestException or IOException)
        {
            error = null;
        }
        var code = error?.Code ?? $"http_{status}";
        var detail = $"{status} {code}{(string.IsNullOrEmpty(error?.Message) ? "" : ": " + Redact(error.Message))}";
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout)
            throw new B2TransientException($"{api}: {detail}", status, code, RetryAfter(response));
        throw new B2ApiException(api, status, code, $"b2: {api} was refused ({detail})", Hint(status, code));
    }

    private static string? Hint(int status, string code) => (status, code) switch
    {
        (401, B2ApiException.Unauthorized) =>
            "check the application key id and key, and that the key has the capability this call needs and is not restricted to another bucket or name prefix",
        (401, B2ApiException.ExpiredAuthToken or B2ApiException.BadAuthToken) => "authorising again did not help; check that the key still exists",
        (401, "unsupported") => "the key needs a newer B2 API version (a multi-bucket key); use a key restricted to one bucket, or none",
        (403, _) => "the account reached a storage or transaction cap, or access is denied; check the B2 account's caps",
        _ => null,
    };

    private static async Task<T> ReadAsync<T>(string api, HttpResponseMessage response, JsonTypeInfo<T> answerType, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(answerType, cancellationToken)
                ?? throw new JsonException("the answer is null");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new B2TransientException($"{api}: the answer was cut off", 0, B2ApiException.NoAnswer);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new B2ApiException(api, (int)response.StatusCode, "bad_answer",
                $"b2: {api} answered {(int)response.StatusCode} with something that is not B2's JSON", "check the B2 endpoint setting", e);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
