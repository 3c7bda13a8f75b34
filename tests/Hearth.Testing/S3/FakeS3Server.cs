using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Hearth.Testing.S3;

/// <summary>
/// An in-process S3 server on a loopback port, speaking enough of the REST wire format for the AWS SDK: path-style
/// buckets; PUT, GET, HEAD and DELETE of objects (by version too); ListObjectVersions; Get/PutBucketVersioning with
/// version IDs and delete markers as S3 keeps them; ETags (quoted MD5); conditional writes as AWS does them, as B2
/// refuses them (501) or as s3rver ignores them (<see cref="ConditionalWrites"/>). Requests without an AWS4
/// Authorization header are refused (403 AccessDenied), an unknown access key gets 403 InvalidAccessKeyId, a wrong
/// SigV4 signature 403 SignatureDoesNotMatch (<see cref="VerifiesSignatures"/>). Faults: 503 SlowDown, a dropped connection before or after the change.
/// Timestamps have whole-second resolution by default, as S3 listings often do, so equal timestamps happen.
/// </summary>
public sealed partial class FakeS3Server : IAsyncDisposable
{
    public const string AccessKey = "HEARTHFAKEACCESSKEY1";
    public const string SecretKey = "fake-s3-secret-2f9c1b7e54d0a8c3";
    public const string Region = "us-east-1";

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeS3Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly List<(FakeS3Fault Fault, string? Operation)> _scheduled = [];
    private readonly ConcurrentDictionary<Task, bool> _handling = new();
    private readonly HashSet<string> _refusedWrites = new(StringComparer.Ordinal);
    private long _nextVersion;
    private Random _random = new(1);
    private double _faultRate;
    private FakeS3Fault[] _randomFaults = [];

    private FakeS3Server(TcpListener listener, Uri endpoint)
    {
        _listener = listener;
        Endpoint = endpoint;
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>Where the server listens (<c>http://127.0.0.1:PORT/</c>); buckets are addressed path-style.</summary>
    public Uri Endpoint { get; }

    public FakeS3ConditionalWrites ConditionalWrites { get; set; } = FakeS3ConditionalWrites.Honours;

    /// <summary>What a DELETE with <c>If-Match</c> gets, when unlike PUT (S3 added conditional DELETE only in 2025); null: as <see cref="ConditionalWrites"/>.</summary>
    public FakeS3ConditionalWrites? ConditionalDeletes { get; set; }

    /// <summary>The resolution of LastModified (S3 listings show milliseconds, many servers whole seconds).</summary>
    public TimeSpan TimestampResolution { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether the SigV4 signature is checked against <see cref="SecretKey"/> (403 SignatureDoesNotMatch), as S3 does.</summary>
    public bool VerifiesSignatures { get; set; } = true;

    /// <summary>The most entries one listing page holds (S3: 1,000); lower it to make clients page.</summary>
    public int MaxKeysPerPage { get; set; } = 1000;

    /// <summary>The Retry-After (whole seconds) of a 503 SlowDown.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    public int TotalCalls => _calls.Values.Sum();

    /// <summary>How many requests <see cref="FailRandomly"/> has failed so far.</summary>
    public int RandomFaults { get; private set; }

    /// <summary>Calls of one operation: <c>PUT object</c>, <c>GET object</c>, <c>HEAD object</c>, <c>DELETE object</c>, <c>GET versions</c>, <c>GET versioning</c>, …</summary>
    public int Calls(string operation) => _calls.GetValueOrDefault(operation);

    public static Task<FakeS3Server> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return Task.FromResult(new FakeS3Server(listener, new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/")));
    }

    public void CreateBucket(string name, bool versioned = false)
    {
        lock (_gate)
            _buckets[name] = new FakeS3Bucket(name) { Versioning = versioned ? "Enabled" : null };
    }

    /// <summary>Every version of <paramref name="key"/> (delete markers too), oldest first.</summary>
    public IReadOnlyList<FakeS3Version> Versions(string bucket, string key)
    {
        lock (_gate)
            return _buckets[bucket].Objects.TryGetValue(key, out var versions) ? [.. versions] : [];
    }

    /// <summary>Every key with at least one version or delete marker.</summary>
    public IReadOnlyList<string> Keys(string bucket)
    {
        lock (_gate)
            return [.. _buckets[bucket].Objects.Where(o => o.Value.Count > 0).Select(o => o.Key)];
    }

    /// <summary>The next <paramref name="count"/> requests (of <paramref name="operation"/> only, when given) fail with <paramref name="fault"/>.</summary>
    public void FailNext(FakeS3Fault fault, int count = 1, string? operation = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
                _scheduled.Add((fault, operation));
        }
    }

    /// <summary>Every write of <paramref name="key"/> (any bucket) fails with 503 SlowDown until <paramref name="refuse"/> is set back to false: an outage that outlasts retries.</summary>
    public void RefuseWrites(string key, bool refuse = true)
    {
        lock (_gate)
        {
            if (refuse)
                _refusedWrites.Add(key);
            else
                _refusedWrites.Remove(key);
        }
    }

    /// <summary>From now on each request fails with probability <paramref name="rate"/>, with one of <paramref name="faults"/> (all kinds when none given).</summary>
    public void FailRandomly(double rate, int seed, params FakeS3Fault[] faults)
    {
        lock (_gate)
        {
            _faultRate = rate;
            _random = new Random(seed);
            _randomFaults = faults.Length > 0 ? faults : Enum.GetValues<FakeS3Fault>();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_handling.Keys);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            var handling = Task.Run(() => ServeAsync(client));
            _handling[handling] = true;
            _ = handling.ContinueWith(t => _handling.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    /// <summary>Answers the requests of one keep-alive connection until the client closes it or a fault drops it.</summary>
    private async Task ServeAsync(TcpClient client)
    {
        using var connection = new FakeS3Connection(client);
        try
        {
            while (await connection.ReadAsync(_stopping.Token) is { } request)
            {
                _calls.AddOrUpdate(request.Operation, 1, (_, n) => n + 1);
                var fault = NextFault(request);
                if (fault == FakeS3Fault.DropConnection)
                {
                    connection.Drop();
                    return;
                }
                var response = fault == FakeS3Fault.SlowDown
                    ? FakeS3Response.Error(503, "SlowDown", "Please reduce your request rate.", request.Path,
                        new Dictionary<string, string> { ["Retry-After"] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
                    : Authenticate(request) ?? Route(request);
                if (fault == FakeS3Fault.DropAfterCommit)
                {
                    connection.Drop();
                    return;
                }
                await connection.WriteAsync(request, response, _stopping.Token);
                if (string.Equals(request.Header("Connection"), "close", StringComparison.OrdinalIgnoreCase))
                    return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, or the server is stopping.
        }
    }

    private FakeS3Fault? NextFault(FakeS3Request request)
    {
        var operation = request.Operation;
        lock (_gate)
        {
            if (request.Method == "PUT" && request.Key is { } key && _refusedWrites.Contains(key))
                return FakeS3Fault.SlowDown;
            var index = _scheduled.FindIndex(s => s.Operation is null || s.Operation == operation);
            if (index >= 0)
            {
                var fault = _scheduled[index].Fault;
                _scheduled.RemoveAt(index);
                return fault;
            }
            if (_faultRate > 0 && _random.NextDouble() < _faultRate)
            {
                RandomFaults++;
                return _randomFaults[_random.Next(_randomFaults.Length)];
            }
            return null;
        }
    }

    private FakeS3Response? Authenticate(FakeS3Request request)
    {
        var authorization = request.Header("Authorization");
        if (authorization is null || !authorization.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
            return FakeS3Response.Error(403, "AccessDenied", "Access Denied", request.Path);
        var credential = authorization.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(p => p.StartsWith("Credential=", StringComparison.Ordinal))?["Credential=".Length..];
        var accessKey = credential?.Split('/')[0];
        if (accessKey != AccessKey)
            return FakeS3Response.Error(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", request.Path);
        if (request.Header("x-amz-content-sha256") is { } sha && sha.StartsWith("STREAMING-", StringComparison.Ordinal))
            return FakeS3Response.Error(501, "NotImplemented", "This fake does not decode aws-chunked uploads; send the body whole.", request.Path);
        return VerifiesSignatures ? FakeS3Signature.Check(request, authorization, SecretKey) : null;
    }

    private string NextVersionId() =>
        Convert.ToBase64String(BitConverter.GetBytes(Interlocked.Increment(ref _nextVersion)).Concat(Guid.NewGuid().ToByteArray()).ToArray())
            .Replace('+', '.').Replace('/', '_').TrimEnd('=');

    private DateTimeOffset Now()
    {
        var now = DateTimeOffset.UtcNow;
        var ticks = TimestampResolution.Ticks;
        return ticks <= 1 ? now : new DateTimeOffset(now.Ticks - (now.Ticks % ticks), TimeSpan.Zero);
    }

    // S3's ETag of a single-part upload is the MD5 of the body: a tag, not a security measure.
#pragma warning disable CA5351
    private static string Etag(byte[] content) => $"\"{Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(content))}\"";
#pragma warning restore CA5351

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Http(DateTimeOffset time) => time.UtcDateTime.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
