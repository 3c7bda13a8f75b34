using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Polly;

namespace Hearth.Storage.B2;

/// <summary>
/// B2's native API with one application key. It authorises on first use and keeps the account token; a call the
/// server refuses with 401 <c>expired_auth_token</c> or <c>bad_auth_token</c> authorises again and is sent once
/// more, once. 429, 500, 503, timeouts and dropped connections are retried (<see cref="B2ClientSettings.Retries"/>
/// times) after the server's Retry-After or a jittered exponential backoff. Every other error is a
/// <see cref="B2ApiException"/>. Calls are grouped by topic in the partial files: files, buckets, keys.
/// </summary>
internal sealed partial class B2Client : IDisposable
{
    /// <summary>The native API version every call after authorisation uses (the v3 shapes).</summary>
    public const string ApiVersion = "v3";

    private readonly HttpClient _http;
    private readonly B2ClientSettings _settings;
    private readonly ResiliencePipeline _retry;
    private readonly SemaphoreSlim _authorizing = new(1, 1);
    private readonly ConcurrentDictionary<string, ConcurrentBag<B2UploadUrl>> _uploadUrls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _secrets = new(StringComparer.Ordinal);
    private B2Authorization? _authorization;

    public B2Client(HttpMessageHandler handler, B2ClientSettings settings, TimeProvider? time = null)
    {
        _settings = settings;
        _http = new HttpClient(handler, disposeHandler: false) { Timeout = settings.Timeout };
        _retry = B2RetryPipeline.Build(settings.Retries, settings.RetryDelay, settings.MaxRetryDelay, time ?? TimeProvider.System);
        Remember(settings.ApplicationKey);
        Remember(BasicCredentials);
    }

    public B2ClientSettings Settings => _settings;

    private string BasicCredentials => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_settings.ApplicationKeyId}:{_settings.ApplicationKey}"));

    public void Dispose()
    {
        _http.Dispose();
        _authorizing.Dispose();
    }

    /// <summary>The current authorisation, made now if there is none (or the last one was refused).</summary>
    /// <exception cref="B2ApiException">401 <c>unauthorized</c> (a wrong key id or key), or B2 stayed unavailable.</exception>
    public async Task<B2Authorization> AuthorizeAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _authorization) is { } current)
            return current;
        await _authorizing.WaitAsync(cancellationToken);
        try
        {
            if (_authorization is { } meanwhile)
                return meanwhile;
            var fresh = await RetryAsync("b2_authorize_account", async token => await AuthorizeOnceAsync(token), cancellationToken);
            Remember(fresh.AuthorizationToken);
            Volatile.Write(ref _authorization, fresh);
            return fresh;
        }
        finally
        {
            _authorizing.Release();
        }
    }

    private async Task<B2Authorization> AuthorizeOnceAsync(CancellationToken cancellationToken)
    {
        const string api = "b2_authorize_account";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_settings.Endpoint, $"/b2api/{ApiVersion}/{api}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicCredentials);
        using var response = await SendAsync(api, request, cancellationToken);
        await ThrowIfRefusedAsync(api, response, cancellationToken);
        return await ReadAsync(api, response, B2Json.Default.B2Authorization, cancellationToken);
    }

    /// <summary>
    /// One API call with the account token: retried while transient, and sent once more after authorising again
    /// when the token is refused. A second refusal is reported, not retried: the key itself is no longer good.
    /// </summary>
    private Task<T> CallAsync<T>(string api, Func<B2Authorization, CancellationToken, Task<T>> send, CancellationToken cancellationToken)
    {
        var reauthorized = false;
        return RetryAsync(api, async token =>
        {
            var authorization = await AuthorizeAsync(token);
            try
            {
                return await send(authorization, token);
            }
            catch (B2ApiException e) when (e.IsAuthTokenRefused && !reauthorized)
            {
                reauthorized = true;
                Interlocked.CompareExchange(ref _authorization, null, authorization);
                return await send(await AuthorizeAsync(token), token);
            }
        }, cancellationToken);
    }

    /// <summary>Runs <paramref name="attempt"/> until it succeeds or the retries run out.</summary>
    /// <exception cref="B2ApiException">A permanent error, or still transient after the last retry.</exception>
    private async Task<T> RetryAsync<T>(string api, Func<CancellationToken, ValueTask<T>> attempt, CancellationToken cancellationToken)
    {
        try
        {
            return _settings.Retries == 0 ? await attempt(cancellationToken) : await _retry.ExecuteAsync(attempt, cancellationToken);
        }
        catch (B2TransientException e)
        {
            var attempts = Math.Max(_settings.Retries, 0) + 1;
            throw new B2ApiException(api, e.Status, e.Code, $"b2: {api} still failed after {attempts} attempt{(attempts == 1 ? "" : "s")}: {e.Message}",
                "B2 is busy or rate-limiting this key; run the command again later", e);
        }
    }

    /// <summary>A value that must never appear in an error message (the key, a token).</summary>
    private void Remember(string secret)
    {
        if (secret.Length > 0)
            _secrets.TryAdd(secret, 0);
    }

    private string Redact(string text)
    {
        foreach (var secret in _secrets.Keys)
            text = text.Replace(secret, "(sensitive)", StringComparison.Ordinal);
        return text;
    }

    private static string ApiUrl(B2Authorization authorization, string api) => $"{authorization.Storage.ApiUrl.TrimEnd('/')}/b2api/{ApiVersion}/{api}";
}
