using System.Collections.Specialized;

namespace Hearth.Testing.S3;

/// <summary>One request to <see cref="FakeS3Server"/>, read whole: path-style bucket and key, query, headers, body.</summary>
internal sealed class FakeS3Request
{
    private readonly NameValueCollection _headers;

    private FakeS3Request(string method, string path, string rawQuery, string? bucket, string? key, IReadOnlyDictionary<string, string> query, NameValueCollection headers, byte[] body)
    {
        Method = method;
        Path = path;
        RawQuery = rawQuery;
        Bucket = bucket;
        Key = key;
        Query = query;
        _headers = headers;
        Body = body;
    }

    public string Method { get; }

    /// <summary>The path as sent, still URI-encoded (what SigV4 signs).</summary>
    public string Path { get; }

    /// <summary>The query string as sent, without the <c>?</c>.</summary>
    public string RawQuery { get; }

    public string? Bucket { get; }

    public string? Key { get; }

    /// <summary>Query parameters; a parameter without a value (<c>?versions</c>) maps to "".</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    public byte[] Body { get; }

    /// <summary>How calls are counted and faults aimed: <c>PUT object</c>, <c>GET versions</c>, <c>GET service</c>, …</summary>
    public string Operation => Key is not null
        ? $"{Method} object"
        : Bucket is null
            ? $"{Method} service"
            : $"{Method} {Query.Keys.FirstOrDefault(k => k is "versioning" or "versions" or "list-type" or "uploads" or "location") ?? "bucket"}";

    public string? Header(string name) => _headers[name];

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    public static FakeS3Request Parse(string method, string target, NameValueCollection headers, byte[] body)
    {
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? target : target[..queryStart];
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (queryStart >= 0)
        {
            foreach (var pair in target[(queryStart + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                query[name] = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            }
        }
        var trimmed = path.TrimStart('/');
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var bucket = trimmed.Length == 0 ? null : Uri.UnescapeDataString(slash < 0 ? trimmed : trimmed[..slash]);
        var key = slash < 0 || slash == trimmed.Length - 1 ? null : Uri.UnescapeDataString(trimmed[(slash + 1)..]);
        return new FakeS3Request(method, path, queryStart < 0 ? "" : target[(queryStart + 1)..], bucket, key, query, headers, body);
    }
}
