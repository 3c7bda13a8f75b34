using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Hearth.Testing.Cloudflare;

/// <summary>
/// An in-process Cloudflare v4 DNS API (shared/specs/cloudflare-dns.md), as an <see cref="HttpMessageHandler"/>: no
/// network. It checks the Bearer token (6003/6111 for a malformed header, 403 + 9109 for a wrong token), looks zones
/// up by exact name, pages listings with <c>result_info</c> and filters by type, name and content, validates records
/// as the API does (1004, duplicates 81058, CNAME clashes 81053, unknown ids 81044) and can fail calls on demand:
/// 429 with Retry-After, 5xx, timeouts and answers lost after the change was made. Every call is counted per endpoint.
/// </summary>
public sealed partial class FakeCloudflare(string token = FakeCloudflare.DefaultToken) : HttpMessageHandler
{
    public const string BaseUrl = "https://api.cloudflare.test/client/v4";
    public const string DefaultToken = "cf-test-token-0123456789";
    public const int MaxPerPage = 5_000_000;

    private const string BasePath = "/client/v4/";

    private readonly object _gate = new();
    private readonly Dictionary<string, string> _zones = new(StringComparer.Ordinal); // id → name
    private readonly List<FakeCloudflareRecord> _records = [];
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly List<(FakeCloudflareFault Fault, string? Endpoint)> _scheduled = [];
    private Random _random = new(1);
    private double _faultRate;
    private FakeCloudflareFault[] _randomFaults = [];
    private int _nextId;

    /// <summary>The Retry-After (whole seconds, as the API sends it) of a 429.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    public int TotalCalls => _calls.Values.Sum();

    /// <summary>Calls to one endpoint: <c>GET zones</c>, <c>GET dns_records</c>, <c>POST dns_records</c>, <c>PATCH dns_record</c>, <c>PUT dns_record</c>, <c>DELETE dns_record</c>, <c>GET dns_record</c>.</summary>
    public int Calls(string endpoint) => _calls.GetValueOrDefault(endpoint);

    public IReadOnlyDictionary<string, int> CallsByEndpoint => new Dictionary<string, int>(_calls, StringComparer.Ordinal);

    public void ResetCalls() => _calls.Clear();

    public string AddZone(string name)
    {
        lock (_gate)
        {
            var id = NewId();
            _zones[id] = name.TrimEnd('.').ToLowerInvariant();
            return id;
        }
    }

    /// <summary>Adds a record directly (made by hand, or by another tool); names are relative to the zone or full.</summary>
    public string Add(string zone, string type, string name, string content, int ttl = 300, bool proxied = false, string? comment = null, int? priority = null)
    {
        lock (_gate)
        {
            var zoneId = _zones.Single(z => z.Value == zone.TrimEnd('.')).Key;
            var record = new FakeCloudflareRecord(NewId(), zoneId, type, FullName(name, _zones[zoneId]), HostContent(type, content), ttl, proxied, comment, priority);
            _records.Add(record);
            return record.Id;
        }
    }

    public IReadOnlyList<FakeCloudflareRecord> Records(string zone)
    {
        lock (_gate)
        {
            var zoneId = _zones.Single(z => z.Value == zone.TrimEnd('.')).Key;
            return [.. _records.Where(r => r.ZoneId == zoneId)];
        }
    }

    /// <summary>Changes a stored record behind the client's back (drift).</summary>
    public void Change(string id, Func<FakeCloudflareRecord, FakeCloudflareRecord> change)
    {
        lock (_gate)
        {
            var index = _records.FindIndex(r => r.Id == id);
            _records[index] = change(_records[index]);
        }
    }

    /// <summary>The next <paramref name="count"/> calls (to <paramref name="endpoint"/> only, when given) fail with <paramref name="fault"/>.</summary>
    public void FailNext(FakeCloudflareFault fault, int count = 1, string? endpoint = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
                _scheduled.Add((fault, endpoint));
        }
    }

    /// <summary>From now on, each call fails with probability <paramref name="rate"/>, with one of <paramref name="faults"/> (all kinds when none given).</summary>
    public void FailRandomly(double rate, int seed, params FakeCloudflareFault[] faults)
    {
        lock (_gate)
        {
            _faultRate = rate;
            _random = new Random(seed);
            _randomFaults = faults.Length > 0 ? faults : Enum.GetValues<FakeCloudflareFault>();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        var route = path.StartsWith(BasePath, StringComparison.Ordinal) ? path[BasePath.Length..].Split('/') : [];
        var endpoint = Endpoint(request.Method, route);
        _calls.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

        var fault = NextFault(endpoint);
        switch (fault)
        {
            case FakeCloudflareFault.RateLimited:
                var limited = Failure(HttpStatusCode.TooManyRequests, 971, "Please wait and consider throttling your request speed");
                limited.Headers.TryAddWithoutValidation("Retry-After", RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
                limited.Headers.TryAddWithoutValidation("Ratelimit", $"\"default\";r=0;t={RetryAfterSeconds}");
                limited.Headers.TryAddWithoutValidation("Ratelimit-Policy", "\"burst\";q=1200;w=300");
                return limited;
            case FakeCloudflareFault.ServerError:
                return new HttpResponseMessage(HttpStatusCode.BadGateway)
                {
                    Content = new StringContent("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>", Encoding.UTF8, "text/html"),
                };
            case FakeCloudflareFault.TimeoutBeforeCommit:
                throw Timeout();
        }

        var response = Authenticate(request) ?? Route(request.Method, route, System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query), body);
        return fault switch
        {
            FakeCloudflareFault.TimeoutAfterCommit => throw Timeout(),
            FakeCloudflareFault.DropAfterCommit => throw new HttpRequestException("The response ended prematurely. (ResponseEnded)"),
            _ => response,
        };
    }

    private FakeCloudflareFault? NextFault(string endpoint)
    {
        lock (_gate)
        {
            var index = _scheduled.FindIndex(s => s.Endpoint is null || s.Endpoint == endpoint);
            if (index >= 0)
            {
                var scheduled = _scheduled[index].Fault;
                _scheduled.RemoveAt(index);
                return scheduled;
            }
            if (_faultRate > 0 && _random.NextDouble() < _faultRate)
                return _randomFaults[_random.Next(_randomFaults.Length)];
            return null;
        }
    }

    /// <summary>What HttpClient throws when its timeout passes.</summary>
    private static TaskCanceledException Timeout() =>
        new("The request was canceled due to the configured HttpClient.Timeout of 30 seconds elapsing.", new TimeoutException("The operation was canceled."));

    private HttpResponseMessage? Authenticate(HttpRequestMessage request)
    {
        var header = request.Headers.Authorization;
        if (header is null || !string.Equals(header.Scheme, "Bearer", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(header.Parameter))
        {
            return Failure(HttpStatusCode.BadRequest, new JsonObject
            {
                ["code"] = 6003,
                ["message"] = "Invalid request headers",
                ["error_chain"] = new JsonArray(new JsonObject { ["code"] = 6111, ["message"] = "Invalid format for Authorization header" }),
            });
        }
        return header.Parameter == token ? null : Failure(HttpStatusCode.Forbidden, 9109, "Invalid access token");
    }

    private static string Endpoint(HttpMethod method, string[] route) => route switch
    {
        ["zones"] => $"{method} zones",
        ["zones", _, "dns_records"] => $"{method} dns_records",
        ["zones", _, "dns_records", _] => $"{method} dns_record",
        ["user", "tokens", "verify"] => $"{method} verify",
        _ => $"{method} other",
    };

    private string NewId() => Interlocked.Increment(ref _nextId).ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    private static HttpResponseMessage Success(JsonNode? result, JsonObject? resultInfo = null)
    {
        var envelope = new JsonObject { ["success"] = true, ["errors"] = new JsonArray(), ["messages"] = new JsonArray(), ["result"] = result };
        if (resultInfo is not null)
            envelope["result_info"] = resultInfo;
        return Json(HttpStatusCode.OK, envelope);
    }

    private static HttpResponseMessage Failure(HttpStatusCode status, int code, string message) =>
        Failure(status, new JsonObject { ["code"] = code, ["message"] = message });

    private static HttpResponseMessage Failure(HttpStatusCode status, JsonObject error) => Json(status, new JsonObject
    {
        ["success"] = false,
        ["errors"] = new JsonArray(error),
        ["messages"] = new JsonArray(),
        ["result"] = null,
    });

    private static HttpResponseMessage Json(HttpStatusCode status, JsonObject body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
}
