using System.Collections.Concurrent;
using System.Net;
using Polly;

namespace Hearth.Dns.Providers.Cloudflare;

/// <summary>
/// Requests to Cloudflare's v4 API with one token: the envelope read, errors turned into
/// <see cref="CloudflareApiException"/> (permanent) or <see cref="CloudflareTransientException"/> (retried with
/// exponential backoff, honouring Retry-After up to <see cref="CloudflareSettings.MaxRetryDelay"/>). Zone ids are
/// looked up once per run. One client serves every record of a run, so connections and zone ids are shared.
/// </summary>
internal sealed partial class CloudflareClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly CloudflareSettings _settings;
    private readonly ResiliencePipeline _retry;
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _zoneIds = new(StringComparer.Ordinal);

    public CloudflareClient(HttpMessageHandler handler, CloudflareSettings settings)
    {
        _settings = settings;
        _http = new HttpClient(handler, disposeHandler: false) { BaseAddress = settings.BaseUrl, Timeout = settings.Timeout };
        _retry = ApiRetryPipeline.Build<CloudflareTransientException>(settings.Retries, settings.RetryDelay, settings.MaxRetryDelay, e => e.RetryAfter);
    }

    public CloudflareSettings Settings => _settings;

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds, retrying transient failures. <paramref name="what"/> names
    /// the operation in the error when the retries run out.
    /// </summary>
    /// <exception cref="CloudflareApiException">A permanent error, or the retries ran out.</exception>
    public async Task<T> RetryAsync<T>(string what, Func<CancellationToken, ValueTask<T>> attempt, CancellationToken cancellationToken)
    {
        if (_settings.Retries == 0)
            return await Once(what, attempt, cancellationToken);
        try
        {
            return await _retry.ExecuteAsync(attempt, cancellationToken);
        }
        catch (CloudflareTransientException e)
        {
            throw new CloudflareApiException($"cloudflare: {what} still failed after {_settings.Retries + 1} attempts: {e.Message}",
                "Cloudflare is unavailable or rate-limiting this token; run the command again later (nothing is duplicated by a re-run)",
                null, [], e);
        }
    }

    private static async Task<T> Once<T>(string what, Func<CancellationToken, ValueTask<T>> attempt, CancellationToken cancellationToken)
    {
        try
        {
            return await attempt(cancellationToken);
        }
        catch (CloudflareTransientException e)
        {
            throw new CloudflareApiException($"cloudflare: {what} failed: {e.Message}", "run the command again later", null, [], e);
        }
    }

    /// <summary>The zone's id, looked up by name once per client (a failed lookup is tried again next time).</summary>
    /// <exception cref="CloudflareApiException">The token cannot see the zone, or the lookup failed.</exception>
    public async Task<string> ZoneIdAsync(string zone, CancellationToken cancellationToken)
    {
        var lookup = _zoneIds.GetOrAdd(zone, z => new Lazy<Task<string>>(() => LookUpZoneAsync(z, CancellationToken.None)));
        try
        {
            return await lookup.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lookup.Value.IsFaulted)
        {
            _zoneIds.TryRemove(KeyValuePair.Create(zone, lookup));
            throw;
        }
    }

    private async Task<string> LookUpZoneAsync(string zone, CancellationToken cancellationToken)
    {
        var found = await RetryAsync($"looking up the zone {zone}", async token =>
            (await SendOnceAsync(HttpMethod.Get, $"zones?name={Uri.EscapeDataString(zone)}", null, CloudflareJson.Default.CloudflareResponseListCloudflareZone, token)).Result ?? [],
            cancellationToken);
        return found.FirstOrDefault(z => string.Equals(z.Name, zone, StringComparison.OrdinalIgnoreCase))?.Id
            ?? throw new CloudflareApiException($"cloudflare: the zone {zone} is not in the account the API token can see",
                $"add {zone} to the Cloudflare account, or give the token Zone:Read and DNS:Edit on it", HttpStatusCode.NotFound, []);
    }

    /// <summary>Every record of a zone matching <paramref name="query"/> (a filter such as <c>type=A&amp;name.exact=…</c>, or empty), page after page, each page retried on its own.</summary>
    public async Task<List<CloudflareRecord>> ListAsync(string zoneId, string query, string what, CancellationToken cancellationToken)
    {
        var records = new List<CloudflareRecord>();
        for (var page = 1; ; page++)
        {
            var current = page;
            var answer = await RetryAsync(what, token => new ValueTask<CloudflareResponse<List<CloudflareRecord>>>(
                ListPageOnceAsync(zoneId, query, current, token)), cancellationToken);
            records.AddRange(answer.Result ?? []);
            if (answer.Result is not { Count: > 0 } || answer.ResultInfo is not { } info || info.Page >= info.TotalPages)
                return records;
        }
    }

    /// <summary>Every page of a listing, with no retry: for checks made inside another operation's attempt.</summary>
    public async Task<List<CloudflareRecord>> ListOnceAsync(string zoneId, string query, CancellationToken cancellationToken)
    {
        var records = new List<CloudflareRecord>();
        for (var page = 1; ; page++)
        {
            var answer = await ListPageOnceAsync(zoneId, query, page, cancellationToken);
            records.AddRange(answer.Result ?? []);
            if (answer.Result is not { Count: > 0 } || answer.ResultInfo is not { } info || info.Page >= info.TotalPages)
                return records;
        }
    }

    private Task<CloudflareResponse<List<CloudflareRecord>>> ListPageOnceAsync(string zoneId, string query, int page, CancellationToken cancellationToken) =>
        SendOnceAsync(HttpMethod.Get, $"zones/{zoneId}/dns_records?{(query.Length > 0 ? query + "&" : "")}per_page={_settings.PageSize}&page={page}",
            null, CloudflareJson.Default.CloudflareResponseListCloudflareRecord, cancellationToken);

    public async Task<CloudflareRecord> CreateOnceAsync(string zoneId, CloudflareRecord record, CancellationToken cancellationToken) =>
        (await SendOnceAsync(HttpMethod.Post, $"zones/{zoneId}/dns_records", record, CloudflareJson.Default.CloudflareResponseCloudflareRecord, cancellationToken)).Result!;

    public async Task<CloudflareRecord> PatchOnceAsync(string zoneId, string id, CloudflareRecord fields, CancellationToken cancellationToken) =>
        (await SendOnceAsync(HttpMethod.Patch, $"zones/{zoneId}/dns_records/{id}", fields, CloudflareJson.Default.CloudflareResponseCloudflareRecord, cancellationToken)).Result!;

    public async Task DeleteOnceAsync(string zoneId, string id, CancellationToken cancellationToken) =>
        await SendOnceAsync(HttpMethod.Delete, $"zones/{zoneId}/dns_records/{id}", null, CloudflareJson.Default.CloudflareResponseCloudflareDeleted, cancellationToken);
}
