using System.Globalization;
using Polly;

namespace Hearth.Dns.Providers.Ovh;

/// <summary>
/// Signed requests to the OVH API v1 with one application and consumer key. The server's clock is read once per
/// client (<c>GET /auth/time</c>) and every timestamp is shifted by the difference, so a local clock that is off
/// does not void the signatures. Transient failures (<see cref="OvhTransientException"/>) are retried with
/// exponential backoff, honouring Retry-After up to <see cref="OvhSettings.MaxRetryDelay"/>. One client serves every
/// record of a run, so connections and the clock difference are shared.
/// </summary>
internal sealed partial class OvhClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly OvhSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ResiliencePipeline _retry;
    private readonly Lock _deltaGate = new();
    private Lazy<Task<long>>? _delta;

    public OvhClient(HttpMessageHandler handler, OvhSettings settings, TimeProvider clock)
    {
        _settings = settings;
        _clock = clock;
        _http = new HttpClient(handler, disposeHandler: false) { Timeout = settings.Timeout };
        _retry = ApiRetryPipeline.Build<OvhTransientException>(settings.Retries, settings.RetryDelay, settings.MaxRetryDelay, e => e.RetryAfter);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The API and the application the requests go to (the application key is a public id; no secret).</summary>
    public string Account => $"{_settings.BaseUrl.AbsoluteUri} application {_settings.ApplicationKey}";

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds, retrying transient failures. <paramref name="what"/> names
    /// the operation in the error when the retries run out.
    /// </summary>
    /// <exception cref="OvhApiException">A permanent error, or the retries ran out.</exception>
    public async Task<T> RetryAsync<T>(string what, Func<CancellationToken, ValueTask<T>> attempt, CancellationToken cancellationToken)
    {
        try
        {
            return _settings.Retries == 0
                ? await attempt(cancellationToken)
                : await _retry.ExecuteAsync(attempt, cancellationToken);
        }
        catch (OvhTransientException e)
        {
            var attempts = _settings.Retries == 0 ? "" : $" still failed after {_settings.Retries + 1} attempts";
            throw new OvhApiException($"ovh: {what}{attempts}: {e.Message}",
                "the OVH API is unavailable or rate-limiting these keys; run the command again later (nothing is duplicated by a re-run)",
                null, null, e);
        }
    }

    /// <summary>The server's time minus the local time, in seconds: read once, and again only after a failed read.</summary>
    private async Task<long> DeltaAsync(CancellationToken cancellationToken)
    {
        Lazy<Task<long>> lookup;
        lock (_deltaGate)
            lookup = _delta ??= new Lazy<Task<long>>(() => RetryAsync("reading the server time (GET /auth/time)", async token => await ReadDeltaOnceAsync(token), CancellationToken.None));
        try
        {
            return await lookup.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lookup.Value.IsFaulted)
        {
            lock (_deltaGate)
            {
                if (ReferenceEquals(_delta, lookup))
                    _delta = null;
            }
            throw;
        }
    }

    private async Task<long> ReadDeltaOnceAsync(CancellationToken cancellationToken)
    {
        var server = await SendOnceAsync(HttpMethod.Get, "/auth/time", null, OvhJson.Default.Int64, signed: false, cancellationToken);
        return server - _clock.GetUtcNow().ToUnixTimeSeconds();
    }

    public Task<List<long>> RecordIdsOnceAsync(string zone, string? fieldType, string? subDomain, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (fieldType is not null)
            query.Add("fieldType=" + Uri.EscapeDataString(fieldType));
        if (subDomain is not null)
            query.Add("subDomain=" + Uri.EscapeDataString(subDomain));
        var path = $"{ZonePath(zone)}/record{(query.Count > 0 ? "?" + string.Join('&', query) : "")}";
        return SendOnceAsync(HttpMethod.Get, path, null, OvhJson.Default.ListInt64, signed: true, cancellationToken)!;
    }

    public Task<OvhRecord> RecordOnceAsync(string zone, long id, CancellationToken cancellationToken) =>
        SendOnceAsync(HttpMethod.Get, $"{ZonePath(zone)}/record/{Id(id)}", null, OvhJson.Default.OvhRecord, signed: true, cancellationToken)!;

    public Task<OvhRecord> CreateOnceAsync(string zone, OvhRecord record, CancellationToken cancellationToken) =>
        SendOnceAsync(HttpMethod.Post, $"{ZonePath(zone)}/record", record, OvhJson.Default.OvhRecord, signed: true, cancellationToken)!;

    public Task<OvhRecord> UpdateOnceAsync(string zone, long id, OvhRecord fields, CancellationToken cancellationToken) =>
        SendOnceAsync(HttpMethod.Put, $"{ZonePath(zone)}/record/{Id(id)}", fields, OvhJson.Default.OvhRecord, signed: true, cancellationToken)!;

    public Task<OvhRecord> DeleteOnceAsync(string zone, long id, CancellationToken cancellationToken) =>
        SendOnceAsync(HttpMethod.Delete, $"{ZonePath(zone)}/record/{Id(id)}", null, OvhJson.Default.OvhRecord, signed: true, cancellationToken)!;

    /// <summary>Publishes the zone's staged changes: resolvers see nothing before it.</summary>
    public Task<OvhRecord> RefreshOnceAsync(string zone, CancellationToken cancellationToken) =>
        SendOnceAsync(HttpMethod.Post, $"{ZonePath(zone)}/refresh", null, OvhJson.Default.OvhRecord, signed: true, cancellationToken)!;

    private static string ZonePath(string zone) => $"/domain/zone/{Uri.EscapeDataString(zone)}";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
