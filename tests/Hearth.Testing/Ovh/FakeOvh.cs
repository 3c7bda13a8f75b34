using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Hearth.Testing.Ovh;

/// <summary>
/// An in-process OVH API v1 (shared/specs/ovh-api.md), as an <see cref="HttpMessageHandler"/>: no network. Its clock
/// runs <see cref="ClockSkew"/> ahead of the local one, so a client that does not ask <c>GET /auth/time</c> sends
/// timestamps it refuses. Every other call must carry the application key, the consumer key, the timestamp and the
/// signature, recomputed here from the raw request: a wrong one is 400 INVALID_SIGNATURE, an unknown application key
/// 403 INVALID_KEY, an unknown or expired consumer key 403 INVALID_CREDENTIAL. Records are staged; only
/// <c>POST …/refresh</c> publishes them (<see cref="Published"/>). Calls can fail on demand (429, 503, a drop after
/// the change was made), and every call is counted per endpoint.
/// </summary>
public sealed partial class FakeOvh(
    string applicationKey = FakeOvh.DefaultApplicationKey,
    string applicationSecret = FakeOvh.DefaultApplicationSecret,
    string consumerKey = FakeOvh.DefaultConsumerKey) : HttpMessageHandler
{
    public const string BaseUrl = "https://eu.api.ovh.test/1.0";
    public const string DefaultApplicationKey = "7kbG7Bk7S9Nt7ZSV";
    public const string DefaultApplicationSecret = "EXEgWIz07P0HYwtQDs7cNIqCiQaWSuHF";
    public const string DefaultConsumerKey = "MtSwSrPpNjqfVSmJhLbPyr2i45lSwPU1";

    /// <summary>How far a timestamp may be from the server's clock.</summary>
    public static readonly TimeSpan TimestampTolerance = TimeSpan.FromSeconds(30);

    private const string BasePath = "/1.0/";

    private readonly Lock _gate = new();
    private readonly HashSet<string> _zones = new(StringComparer.Ordinal);
    private readonly List<FakeOvhRecord> _records = [];
    private readonly Dictionary<string, List<FakeOvhRecord>> _published = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly List<(FakeOvhFault Fault, string? Endpoint)> _scheduled = [];
    private long _nextId = 5_000_000;

    /// <summary>The server's clock minus the local one (default: an hour ahead).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The consumer key has expired (or was revoked): calls signed with it are refused.</summary>
    public bool ConsumerKeyExpired { get; set; }

    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>How long every call takes to answer (the real API takes tens of milliseconds); none by default.</summary>
    public TimeSpan Latency { get; set; }

    public int TotalCalls => _calls.Values.Sum();

    /// <summary>
    /// Calls to one endpoint: <c>GET time</c>, <c>GET records</c>, <c>GET record</c>, <c>POST records</c>,
    /// <c>PUT record</c>, <c>DELETE record</c>, <c>POST refresh</c>.
    /// </summary>
    public int Calls(string endpoint) => _calls.GetValueOrDefault(endpoint);

    public IReadOnlyDictionary<string, int> CallsByEndpoint => new Dictionary<string, int>(_calls, StringComparer.Ordinal);

    public void ResetCalls() => _calls.Clear();

    private DateTimeOffset ServerNow => DateTimeOffset.UtcNow + ClockSkew;

    public void AddZone(string name)
    {
        lock (_gate)
        {
            _zones.Add(name);
            _published[name] = [];
        }
    }

    /// <summary>Adds a record directly, published at once (made by hand in the control panel, or by another tool).</summary>
    public long Add(string zone, string fieldType, string subDomain, string target, int ttl = 300)
    {
        lock (_gate)
        {
            var record = new FakeOvhRecord(++_nextId, zone, subDomain, fieldType, StoredTarget(fieldType, target), ttl);
            _records.Add(record);
            _published[zone] = [.. _records.Where(r => r.Zone == zone)];
            return record.Id;
        }
    }

    /// <summary>The records as the API shows them (staged changes included).</summary>
    public IReadOnlyList<FakeOvhRecord> Records(string zone)
    {
        lock (_gate)
            return [.. _records.Where(r => r.Zone == zone)];
    }

    /// <summary>The records resolvers see: as of the last refresh.</summary>
    public IReadOnlyList<FakeOvhRecord> Published(string zone)
    {
        lock (_gate)
            return [.. _published[zone]];
    }

    /// <summary>Changes a stored record behind the client's back (drift), published at once.</summary>
    public void Change(long id, Func<FakeOvhRecord, FakeOvhRecord> change)
    {
        lock (_gate)
        {
            var index = _records.FindIndex(r => r.Id == id);
            _records[index] = change(_records[index]);
            _published[_records[index].Zone] = [.. _records.Where(r => r.Zone == _records[index].Zone)];
        }
    }

    /// <summary>The next <paramref name="count"/> calls (to <paramref name="endpoint"/> only, when given) fail with <paramref name="fault"/>.</summary>
    public void FailNext(FakeOvhFault fault, int count = 1, string? endpoint = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
                _scheduled.Add((fault, endpoint));
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Latency > TimeSpan.Zero)
            await Task.Delay(Latency, cancellationToken);
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        var route = path.StartsWith(BasePath, StringComparison.Ordinal) ? path[BasePath.Length..].Split('/').Select(Uri.UnescapeDataString).ToArray() : [];
        var endpoint = Endpoint(request.Method, route);
        _calls.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

        var fault = NextFault(endpoint);
        switch (fault)
        {
            case FakeOvhFault.RateLimited:
                var limited = Error(HttpStatusCode.TooManyRequests, "Client::TooManyRequests", "Too many requests");
                limited.Headers.TryAddWithoutValidation("Retry-After", RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
                return limited;
            case FakeOvhFault.ServerError:
                return Error(HttpStatusCode.ServiceUnavailable, "Server::ServiceUnavailable", "The service is temporarily unavailable");
        }

        HttpResponseMessage response;
        if (route is ["auth", "time"] && request.Method == HttpMethod.Get)
            response = Json(HttpStatusCode.OK, JsonValue.Create(ServerNow.ToUnixTimeSeconds()));
        else
            response = Authenticate(request, body) ?? Route(request.Method, route, System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query), body);
        response.Headers.TryAddWithoutValidation("X-Ovh-QueryID", $"EU.ext-1.{Guid.NewGuid():N}");
        return fault == FakeOvhFault.DropAfterCommit ? throw new HttpRequestException("The response ended prematurely. (ResponseEnded)") : response;
    }

    private HttpResponseMessage? Authenticate(HttpRequestMessage request, string body)
    {
        var application = Header(request, "X-Ovh-Application");
        var consumer = Header(request, "X-Ovh-Consumer");
        var timestamp = Header(request, "X-Ovh-Timestamp");
        var signature = Header(request, "X-Ovh-Signature");
        if (application != applicationKey)
            return Coded(HttpStatusCode.Forbidden, "INVALID_KEY", "This application key is invalid");
        if (consumer is null || signature is null || timestamp is null)
            return Coded(HttpStatusCode.Unauthorized, "NOT_AUTHENTICATED", "You must login first");
        if (consumer != consumerKey || ConsumerKeyExpired)
            return Coded(HttpStatusCode.Forbidden, "INVALID_CREDENTIAL", "This credential is not valid");
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var sent) ||
            Math.Abs(sent - ServerNow.ToUnixTimeSeconds()) > TimestampTolerance.TotalSeconds)
            return Coded(HttpStatusCode.BadRequest, "QUERY_TIME_OUT", "Query out of time");
        var text = $"{applicationSecret}+{consumer}+{request.Method.Method}+{request.RequestUri!.AbsoluteUri}+{body}+{timestamp}";
#pragma warning disable CA5350 // The API's signature scheme is SHA-1.
        var expected = "$1$" + Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5350
        return signature == expected ? null : Coded(HttpStatusCode.BadRequest, "INVALID_SIGNATURE", "Invalid signature");
    }

    private FakeOvhFault? NextFault(string endpoint)
    {
        lock (_gate)
        {
            var index = _scheduled.FindIndex(s => s.Endpoint is null || s.Endpoint == endpoint);
            if (index < 0)
                return null;
            var fault = _scheduled[index].Fault;
            _scheduled.RemoveAt(index);
            return fault;
        }
    }

    private static string Endpoint(HttpMethod method, string[] route) => route switch
    {
        ["auth", "time"] => $"{method} time",
        ["domain", "zone", _, "record"] => $"{method} records",
        ["domain", "zone", _, "record", _] => $"{method} record",
        ["domain", "zone", _, "refresh"] => $"{method} refresh",
        _ => $"{method} other",
    };

    private static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>TXT targets come back in double quotes even when sent bare.</summary>
    private static string StoredTarget(string fieldType, string target) =>
        fieldType == "TXT" && !target.StartsWith('"') ? $"\"{target}\"" : target;

    private static HttpResponseMessage Coded(HttpStatusCode status, string code, string message) => Json(status, new JsonObject
    {
        ["errorCode"] = code,
        ["httpCode"] = $"{(int)status} {ReasonPhrase(status)}",
        ["message"] = message,
    });

    private static HttpResponseMessage Error(HttpStatusCode status, string errorClass, string message) =>
        Json(status, new JsonObject { ["class"] = errorClass, ["message"] = message });

    private static string ReasonPhrase(HttpStatusCode status) => new HttpResponseMessage(status).ReasonPhrase ?? "";

    private static HttpResponseMessage Json(HttpStatusCode status, JsonNode? body) => new(status)
    {
        Content = new StringContent(body?.ToJsonString() ?? "null", Encoding.UTF8, "application/json"),
    };
}
