using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Hearth.Testing.B2;

public sealed partial class FakeB2
{
    private HttpResponseMessage GetUploadUrl(FakeB2Key key, JsonObject args)
    {
        Require(key, "writeFiles");
        var bucket = BucketFor(key, Text(args, "bucketId"));
        var token = new FakeB2Token("2_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)), key.ApplicationKeyId, Clock(), bucket.BucketId);
        _tokens[token.Value] = token;
        return Json(new JsonObject
        {
            ["bucketId"] = bucket.BucketId,
            ["uploadUrl"] = $"{UploadOrigin}/b2api/v3/b2_upload_file/{bucket.BucketId}/c005_v0501000_t{_tokens.Count:0000}",
            ["authorizationToken"] = token.Value,
        });
    }

    /// <summary>An upload to an upload URL: its own token, the percent-encoded name, the SHA-1 checked against the body.</summary>
    private HttpResponseMessage Upload(HttpRequestMessage request, string bucketId, byte[] body)
    {
        if (request.Method != HttpMethod.Post)
            throw new FakeB2Refusal(405, "method_not_allowed", "uploads are POSTs");
        var key = KeyOf(request, upload: true, bucketId);
        Require(key, "writeFiles");
        var bucket = BucketFor(key, bucketId);
        var encoded = Header(request, "X-Bz-File-Name") ?? throw new FakeB2Refusal(400, "bad_request", "X-Bz-File-Name header is missing");
        var fileName = DecodeFileName(encoded);
        RequirePrefix(key, fileName);
        var sha1 = Header(request, "X-Bz-Content-Sha1") ?? throw new FakeB2Refusal(400, "bad_request", "X-Bz-Content-Sha1 header is missing");
        var contentType = request.Content?.Headers.ContentType?.ToString() ?? throw new FakeB2Refusal(400, "bad_request", "Content-Type header is missing");
        if (request.Content.Headers.ContentLength is { } length && length != body.Length)
            throw new FakeB2Refusal(400, "bad_request", $"Content-Length is {length} but {body.Length} bytes arrived");
#pragma warning disable CA5350 // B2 checks uploads by SHA-1; the fake must too.
        var actual = Convert.ToHexStringLower(SHA1.HashData(body));
#pragma warning restore CA5350
        if (sha1 != "do_not_verify" && !string.Equals(sha1, actual, StringComparison.OrdinalIgnoreCase))
            throw new FakeB2Refusal(400, "bad_request", "Sha1 did not match data received");
        var info = request.Headers.Where(h => h.Key.StartsWith("X-Bz-Info-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key["X-Bz-Info-".Length..], h => Uri.UnescapeDataString(h.Value.First()), StringComparer.Ordinal);
        if (info.Count > 10)
            throw new FakeB2Refusal(400, "bad_request", "too many X-Bz-Info-* headers (at most 10)");
        var version = Commit(bucket, fileName, "upload", body.Length, actual, contentType == "b2/x-auto" ? "application/octet-stream" : contentType, info);
        _contents[version.FileId] = body;
        return Json(version.ToJson());
    }

    private FakeB2FileVersion Commit(FakeB2Bucket bucket, string fileName, string action, long length, string? sha1, string? contentType,
        IReadOnlyDictionary<string, string> info)
    {
        var sequence = ++_sequence;
        var now = Clock();
        var fileId = $"4_z{bucket.BucketId}_f{sequence:x17}_d{now:yyyyMMdd}_m{now:HHmmss}_c005_v0501000_t{sequence % 10_000:0000}_u01{now.ToUnixTimeMilliseconds()}";
        var version = new FakeB2FileVersion(bucket.AccountId, bucket.BucketId, fileId, fileName, action, now.ToUnixTimeMilliseconds(), sequence,
            length, sha1, contentType, info);
        _versions.Add(version);
        return version;
    }

    private static string DecodeFileName(string encoded)
    {
        string name;
        try
        {
            name = Uri.UnescapeDataString(encoded.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            throw new FakeB2Refusal(400, "bad_request", "File name is not valid percent-encoded UTF-8");
        }
        if (name.Length == 0 || Encoding.UTF8.GetByteCount(name) > 1024 || name.Any(c => c < ' ' || c == '\u007f'))
            throw new FakeB2Refusal(400, "bad_request", "File names must be 1 to 1024 bytes of UTF-8 without control characters");
        return name;
    }

    /// <summary>Versions in listing order from <c>startFileName</c>/<c>startFileId</c>, at most <c>maxFileCount</c>, with where the next page starts.</summary>
    private HttpResponseMessage ListFileVersions(FakeB2Key key, JsonObject args)
    {
        Require(key, "listFiles");
        var bucket = BucketFor(key, Text(args, "bucketId"));
        var prefix = Text(args, "prefix") ?? "";
        RequirePrefix(key, prefix);
        var count = MaxCount(args, "maxFileCount", DefaultMaxFileCount, MaxFileCount);
        var startName = Text(args, "startFileName");
        var startId = Text(args, "startFileId");
        var all = _versions.Where(v => v.BucketId == bucket.BucketId && v.FileName.StartsWith(prefix, StringComparison.Ordinal))
            .Order(FakeB2FileVersion.ListingOrder).ToList();
        int from;
        if (startId is not null)
        {
            from = all.FindIndex(v => v.FileId == startId);
            if (from < 0 || all[from].FileName != startName)
                throw new FakeB2Refusal(400, "bad_request", $"startFileId {startId} is not a version of {startName}");
        }
        else
        {
            from = startName is null ? 0 : all.FindIndex(v => string.CompareOrdinal(v.FileName, startName) >= 0);
            if (from < 0)
                from = all.Count;
        }
        var page = all.Skip(from).Take(count).ToList();
        var next = from + page.Count < all.Count ? all[from + page.Count] : null;
        return Json(new JsonObject
        {
            ["files"] = new JsonArray([.. page.Select(v => (JsonNode)v.ToJson())]),
            ["nextFileName"] = next?.FileName,
            ["nextFileId"] = next?.FileId,
        });
    }

    /// <summary>The current, non-hidden version of each name, paged by name.</summary>
    private HttpResponseMessage ListFileNames(FakeB2Key key, JsonObject args)
    {
        Require(key, "listFiles");
        var bucket = BucketFor(key, Text(args, "bucketId"));
        var prefix = Text(args, "prefix") ?? "";
        RequirePrefix(key, prefix);
        var count = MaxCount(args, "maxFileCount", DefaultMaxFileCount, MaxFileCount);
        var startName = Text(args, "startFileName") ?? "";
        var current = _versions.Where(v => v.BucketId == bucket.BucketId && v.FileName.StartsWith(prefix, StringComparison.Ordinal)
                && string.CompareOrdinal(v.FileName, startName) >= 0)
            .Order(FakeB2FileVersion.ListingOrder)
            .GroupBy(v => v.FileName, StringComparer.Ordinal)
            .Select(g => g.First())
            .Where(v => !v.IsHideMarker)
            .ToList();
        var page = current.Take(count).ToList();
        return Json(new JsonObject
        {
            ["files"] = new JsonArray([.. page.Select(v => (JsonNode)v.ToJson())]),
            ["nextFileName"] = current.Count > count ? current[count].FileName : null,
        });
    }

    private HttpResponseMessage DownloadById(FakeB2Key key, JsonObject args)
    {
        var fileId = Required(args, "fileId");
        var version = _versions.FirstOrDefault(v => v.FileId == fileId && !v.IsHideMarker)
            ?? throw new FakeB2Refusal(404, "not_found", $"File with such id does not exist: {fileId}");
        return Download(key, version);
    }

    /// <summary><c>GET /file/&lt;bucket&gt;/&lt;name&gt;</c>: the newest version, unless a hide marker is newest.</summary>
    private HttpResponseMessage DownloadByName(HttpRequestMessage request, string rest)
    {
        var key = Caller(request);
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucketName = slash < 0 ? rest : rest[..slash];
        var fileName = slash < 0 ? "" : Uri.UnescapeDataString(rest[(slash + 1)..]);
        var bucket = _buckets.Values.FirstOrDefault(b => b.BucketName == bucketName)
            ?? throw new FakeB2Refusal(404, "not_found", $"Bucket {bucketName} does not exist");
        var newest = _versions.Where(v => v.BucketId == bucket.BucketId && v.FileName == fileName).Order(FakeB2FileVersion.ListingOrder).FirstOrDefault();
        if (newest is null || newest.IsHideMarker)
            throw new FakeB2Refusal(404, "not_found", $"File with such name does not exist: {fileName}");
        return Download(key, newest);
    }

    private HttpResponseMessage Download(FakeB2Key key, FakeB2FileVersion version)
    {
        Require(key, "readFiles");
        BucketFor(key, version.BucketId);
        RequirePrefix(key, version.FileName);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(_contents[version.FileId]) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", version.ContentType);
        response.Headers.TryAddWithoutValidation("X-Bz-File-Id", version.FileId);
        response.Headers.TryAddWithoutValidation("X-Bz-File-Name", Uri.EscapeDataString(version.FileName).Replace("%2F", "/", StringComparison.Ordinal));
        response.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", version.ContentSha1);
        response.Headers.TryAddWithoutValidation("X-Bz-Upload-Timestamp", version.UploadTimestamp.ToString(CultureInfo.InvariantCulture));
        return response;
    }

    private HttpResponseMessage DeleteFileVersion(FakeB2Key key, JsonObject args)
    {
        Require(key, "deleteFiles");
        var fileName = Required(args, "fileName");
        var fileId = Required(args, "fileId");
        RequirePrefix(key, fileName);
        var version = _versions.FirstOrDefault(v => v.FileId == fileId && v.FileName == fileName)
            ?? throw new FakeB2Refusal(404, "not_found", $"File not present: {fileName} {fileId}");
        BucketFor(key, version.BucketId);
        _versions.Remove(version);
        _contents.Remove(fileId);
        return Json(new JsonObject { ["fileId"] = fileId, ["fileName"] = fileName });
    }

    private HttpResponseMessage HideFile(FakeB2Key key, JsonObject args)
    {
        Require(key, "writeFiles");
        var bucket = BucketFor(key, Text(args, "bucketId"));
        var fileName = Required(args, "fileName");
        RequirePrefix(key, fileName);
        var newest = _versions.Where(v => v.BucketId == bucket.BucketId && v.FileName == fileName).Order(FakeB2FileVersion.ListingOrder).FirstOrDefault();
        if (newest is null || newest.IsHideMarker)
            throw new FakeB2Refusal(400, "no_such_file", $"File not present: {fileName}");
        return Json(Commit(bucket, fileName, "hide", 0, null, null, new Dictionary<string, string>(StringComparer.Ordinal)).ToJson());
    }

    /// <summary>A page size: absent or 0 means the default; outside 1 … max is 400 <c>out_of_range</c>.</summary>
    private static int MaxCount(JsonObject args, string name, int fallback, int max) => Number(args, name) switch
    {
        null or 0 => fallback,
        { } n when n < 0 || n > max => throw new FakeB2Refusal(400, "out_of_range", $"{name} out of range: {args[name]}"),
        { } n => (int)n,
    };

    private static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
