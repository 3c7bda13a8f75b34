using System.Collections.Concurrent;
using System.Globalization;

namespace Hearth.Testing.B2;

/// <summary>
/// An in-process Backblaze B2 native API (shared/specs/backblaze-b2.md), as an <see cref="HttpMessageHandler"/>: no
/// network. Accounts have application keys whose capabilities, bucket restriction and name prefix are enforced on
/// every call (401 <c>unauthorized</c>); account and upload tokens can be expired on demand (401
/// <c>expired_auth_token</c>; unknown ones are 401 <c>bad_auth_token</c>). Files keep every version with a
/// server-assigned <c>uploadTimestamp</c> (ms) and file ID; hide markers, listing order and paging
/// (<c>maxFileCount</c>, <c>nextFileName</c>/<c>nextFileId</c>), deletes, buckets with revisions and lifecycle checks,
/// and keys whose secret is returned once behave as the spec says, with its error envelope and codes. Calls can be
/// failed on demand (429/503 with Retry-After, 500, timeouts), and every call is counted by API name.
/// </summary>
public sealed partial class FakeB2 : HttpMessageHandler
{
    /// <summary>Where clients authorise; the answer points them at the hosts below.</summary>
    public const string BaseUrl = "https://api.backblazeb2.test";
    public const string ApiUrl = "https://api005.backblazeb2.test";
    public const string DownloadUrl = "https://f005.backblazeb2.test";
    public const string S3ApiUrl = "https://s3.us-east-005.backblazeb2.test";
    public const string UploadHost = "https://pod-005-1000-17.backblazeb2.test";

    public const int DefaultMaxFileCount = 100;
    public const int MaxFileCount = 10_000;
    public const int MaxBuckets = 100;

    /// <summary>How long a token lives (B2: at most 24 h).</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(24);

    /// <summary>Every capability B2 knows, exactly as it spells them.</summary>
    public static readonly IReadOnlyList<string> AllCapabilities =
    [
        "listKeys", "writeKeys", "deleteKeys", "listBuckets", "listAllBucketNames", "readBuckets", "writeBuckets", "deleteBuckets",
        "readBucketEncryption", "writeBucketEncryption", "readBucketRetentions", "writeBucketRetentions",
        "readFileRetentions", "writeFileRetentions", "readFileLegalHolds", "writeFileLegalHolds",
        "readBucketReplications", "writeBucketReplications", "bypassGovernance", "listFiles", "readFiles", "shareFiles",
        "writeFiles", "deleteFiles", "readBucketNotifications", "writeBucketNotifications",
    ];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeB2Key> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeB2Token> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeB2Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly List<FakeB2FileVersion> _versions = [];
    private readonly Dictionary<string, byte[]> _contents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly List<(FakeB2Fault Fault, string? Api)> _scheduled = [];
    private long _sequence;
    private int _nextId;

    public FakeB2() => MasterKey = NewAccount();

    /// <summary>
    /// Serve every host from this one origin (<see cref="HttpHandlerHost.Origin"/>), so a real process can reach the
    /// fake: the authorisation and upload URLs it hands out then all point there. Null keeps B2's host names.
    /// </summary>
    public string? Origin { get; set; }

    private string ApiOrigin => Origin ?? ApiUrl;

    private string DownloadOrigin => Origin ?? DownloadUrl;

    private string UploadOrigin => Origin ?? UploadHost;

    /// <summary>The first account's master key: every capability, no restriction.</summary>
    public FakeB2Key MasterKey { get; }

    public string AccountId => MasterKey.AccountId;

    /// <summary>The server's clock: upload timestamps, token ages and key expiry come from it.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>The Retry-After (whole seconds) of injected 429s and 503s.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    public int TotalCalls => _calls.Values.Sum();

    /// <summary>Calls to one API, by its name: <c>b2_authorize_account</c>, <c>b2_upload_file</c>, <c>b2_download_file_by_id</c>, …</summary>
    public int Calls(string api) => _calls.GetValueOrDefault(api);

    public IReadOnlyDictionary<string, int> CallsByApi => new Dictionary<string, int>(_calls, StringComparer.Ordinal);

    public void ResetCalls() => _calls.Clear();

    /// <summary>A new account; returns its master key.</summary>
    public FakeB2Key NewAccount()
    {
        lock (_gate)
        {
            var accountId = NewId(12);
            var key = new FakeB2Key(accountId, "000" + accountId + "0000000001", NewSecret(), "master", AllCapabilities);
            _keys[key.ApplicationKeyId] = key;
            return key;
        }
    }

    /// <summary>Adds a key directly (made in the web UI), restricted to <paramref name="bucketName"/> and <paramref name="namePrefix"/> when given.</summary>
    public FakeB2Key AddKey(IEnumerable<string> capabilities, string? bucketName = null, string? namePrefix = null, string? accountId = null, string keyName = "added")
    {
        lock (_gate)
        {
            var account = accountId ?? AccountId;
            var bucketId = bucketName is null ? null : _buckets.Values.Single(b => b.BucketName == bucketName).BucketId;
            var key = new FakeB2Key(account, "005" + NewId(22), NewSecret(), keyName, [.. capabilities], bucketId, namePrefix);
            _keys[key.ApplicationKeyId] = key;
            return key;
        }
    }

    /// <summary>Adds a key of the main account with every capability and the given credentials (a lab's example key).</summary>
    public FakeB2Key AddKey(string applicationKeyId, string applicationKey, string keyName = "example")
    {
        lock (_gate)
        {
            var key = new FakeB2Key(AccountId, applicationKeyId, applicationKey, keyName, AllCapabilities);
            _keys[key.ApplicationKeyId] = key;
            return key;
        }
    }

    /// <summary>Adds a bucket directly; returns its id.</summary>
    public string AddBucket(string name, string bucketType = "allPrivate", string? accountId = null)
    {
        lock (_gate)
        {
            var bucket = new FakeB2Bucket(accountId ?? AccountId, NewId(24), name, bucketType, 1, [], [], []);
            _buckets[bucket.BucketId] = bucket;
            return bucket.BucketId;
        }
    }

    public IReadOnlyList<FakeB2Bucket> Buckets()
    {
        lock (_gate)
            return [.. _buckets.Values.OrderBy(b => b.BucketName, StringComparer.Ordinal)];
    }

    /// <summary>Changes a bucket as the web UI would (drift): the revision goes up by one.</summary>
    public void ChangeBucket(string name, Func<FakeB2Bucket, FakeB2Bucket> change)
    {
        lock (_gate)
        {
            var bucket = _buckets.Values.Single(b => b.BucketName == name);
            _buckets[bucket.BucketId] = change(bucket) with { Revision = bucket.Revision + 1 };
        }
    }

    public IReadOnlyList<FakeB2Key> Keys()
    {
        lock (_gate)
            return [.. _keys.Values.OrderBy(k => k.ApplicationKeyId, StringComparer.Ordinal)];
    }

    /// <summary>Every version in the bucket (uploads and hide markers), in B2's listing order: by name, newest first.</summary>
    public IReadOnlyList<FakeB2FileVersion> Versions(string bucketName)
    {
        lock (_gate)
        {
            var bucketId = _buckets.Values.Single(b => b.BucketName == bucketName).BucketId;
            return [.. _versions.Where(v => v.BucketId == bucketId).Order(FakeB2FileVersion.ListingOrder)];
        }
    }

    /// <summary>Starts a large file of that name (as <c>b2_start_large_file</c> would) and leaves it unfinished: a version with <c>action: start</c>.</summary>
    public string StartLargeFile(string bucketName, string fileName)
    {
        lock (_gate)
        {
            var bucket = _buckets.Values.Single(b => b.BucketName == bucketName);
            return Commit(bucket, fileName, "start", 0, "none", "application/octet-stream", new Dictionary<string, string>(StringComparer.Ordinal)).FileId;
        }
    }

    /// <summary>What a version holds, as stored.</summary>
    public byte[]? Content(string fileId)
    {
        lock (_gate)
            return _contents.TryGetValue(fileId, out var content) ? content.ToArray() : null;
    }

    /// <summary>Every account token issued so far is now older than 24 h: calls with one get 401 <c>expired_auth_token</c>.</summary>
    public void ExpireAuthorizations() => ExpireTokens(upload: false);

    /// <summary>Every upload URL's token issued so far expires: uploads with one get 401 <c>expired_auth_token</c>.</summary>
    public void ExpireUploadTokens() => ExpireTokens(upload: true);

    private void ExpireTokens(bool upload)
    {
        lock (_gate)
        {
            foreach (var token in _tokens.Values.Where(t => (t.UploadBucketId is not null) == upload).ToList())
                _tokens[token.Value] = token with { Expired = true };
        }
    }

    /// <summary>Every token handed out so far (account and upload), to check none leaks into an error.</summary>
    public IReadOnlyList<string> IssuedTokens()
    {
        lock (_gate)
            return [.. _tokens.Keys];
    }

    /// <summary>The next <paramref name="count"/> calls (to <paramref name="api"/> only, when given) fail with <paramref name="fault"/>.</summary>
    public void FailNext(FakeB2Fault fault, int count = 1, string? api = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
                _scheduled.Add((fault, api));
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        var api = ApiName(path);
        _calls.AddOrUpdate(api, 1, (_, n) => n + 1);

        var fault = NextFault(api);
        switch (fault)
        {
            case FakeB2Fault.RateLimited:
                return WithRetryAfter(Envelope(429, "too_many_requests", "Too many requests"));
            case FakeB2Fault.ServiceUnavailable:
                return WithRetryAfter(Envelope(503, "service_unavailable", "c001_v0001000_t0017 is too busy"));
            case FakeB2Fault.InternalError:
                return Envelope(500, "internal_error", "incident id 4f2a0c1de2b7");
            case FakeB2Fault.ExpiredAuthToken:
                return Envelope(401, "expired_auth_token", "Authorization token has expired");
            case FakeB2Fault.TimeoutBeforeCommit:
                throw Timeout();
        }

        HttpResponseMessage response;
        try
        {
            lock (_gate)
                response = Route(request, api, path, body ?? []);
        }
        catch (FakeB2Refusal refusal)
        {
            response = Envelope(refusal.Status, refusal.Code, refusal.Message);
        }
        return fault == FakeB2Fault.TimeoutAfterCommit ? throw Timeout() : response;
    }

    private HttpResponseMessage Route(HttpRequestMessage request, string api, string path, byte[] body)
    {
        if (path.StartsWith("/file/", StringComparison.Ordinal))
            return DownloadByName(request, path["/file/".Length..]);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 3 || segments[0] != "b2api" || segments[1] is not ("v2" or "v3" or "v4"))
            throw new FakeB2Refusal(404, "not_found", $"no such API: {path}");
        var version = segments[1][1] - '0';
        if (api == "b2_authorize_account")
            return Authorize(request, version);
        if (api == "b2_upload_file")
            return Upload(request, segments.Length > 3 ? segments[3] : "", body);
        if (request.Method != HttpMethod.Post && request.Method != HttpMethod.Get)
            throw new FakeB2Refusal(405, "method_not_allowed", $"{request.Method} is not allowed");
        var args = Arguments(request, body);
        var key = Caller(request);
        return api switch
        {
            "b2_get_upload_url" => GetUploadUrl(key, args),
            "b2_list_file_versions" => ListFileVersions(key, args),
            "b2_list_file_names" => ListFileNames(key, args),
            "b2_download_file_by_id" => DownloadById(key, args),
            "b2_delete_file_version" => DeleteFileVersion(key, args),
            "b2_hide_file" => HideFile(key, args),
            "b2_list_buckets" => ListBuckets(key, args),
            "b2_create_bucket" => CreateBucket(key, args),
            "b2_update_bucket" => UpdateBucket(key, args),
            "b2_delete_bucket" => DeleteBucket(key, args),
            "b2_create_key" => CreateKey(key, args, version),
            "b2_list_keys" => ListKeys(key, args),
            "b2_delete_key" => DeleteKey(key, args),
            _ => throw new FakeB2Refusal(404, "not_found", $"no such API: {api}"),
        };
    }

    private static string ApiName(string path)
    {
        if (path.StartsWith("/file/", StringComparison.Ordinal))
            return "b2_download_file_by_name";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 3 && segments[0] == "b2api" ? segments[2] : "other";
    }

    private FakeB2Fault? NextFault(string api)
    {
        lock (_gate)
        {
            var index = _scheduled.FindIndex(s => s.Api is null || s.Api == api);
            if (index < 0)
                return null;
            var fault = _scheduled[index].Fault;
            _scheduled.RemoveAt(index);
            return fault;
        }
    }

    private HttpResponseMessage WithRetryAfter(HttpResponseMessage response)
    {
        response.Headers.TryAddWithoutValidation("Retry-After", RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
        return response;
    }

    private static TaskCanceledException Timeout() =>
        new("The request was canceled due to the configured HttpClient.Timeout of 60 seconds elapsing.", new TimeoutException("The operation was canceled."));

    private long Now => Clock().ToUnixTimeMilliseconds();

    private string NewId(int length) =>
        Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture).PadLeft(length, '0');

    private static string NewSecret() => "K005" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(21)).Replace('+', 'x').Replace('/', 'y');
}
