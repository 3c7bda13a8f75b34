using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Hearth.Testing.S3;

public sealed partial class FakeS3Server
{
    private FakeS3Response Route(FakeS3Request request)
    {
        lock (_gate)
        {
            if (request.Bucket is null)
            {
                return request.Method == "GET"
                    ? ListBuckets()
                    : FakeS3Response.Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.", request.Path);
            }
            if (request.Method == "PUT" && request.Key is null && request.Query.Count == 0)
                return CreateBucket(request);
            if (!_buckets.TryGetValue(request.Bucket, out var bucket))
            {
                return request.Method == "HEAD"
                    ? FakeS3Response.Empty(404)
                    : FakeS3Response.Error(404, "NoSuchBucket", "The specified bucket does not exist", request.Path);
            }
            if (request.Key is not null)
                return ObjectRequest(bucket, request.Key, request);
            return (request.Method, request.Operation) switch
            {
                ("HEAD", _) => FakeS3Response.Empty(200),
                ("GET", "GET versioning") => GetVersioning(bucket),
                ("PUT", "PUT versioning") => PutVersioning(bucket, request),
                ("GET", "GET versions") => ListVersions(bucket, request),
                _ => FakeS3Response.Error(501, "NotImplemented", "A header you provided implies functionality that is not implemented", request.Path),
            };
        }
    }

    private FakeS3Response ListBuckets()
    {
        var buckets = string.Concat(_buckets.Keys.Order(StringComparer.Ordinal)
            .Select(name => $"<Bucket><Name>{FakeS3Response.Escape(name)}</Name><CreationDate>{Iso(DateTimeOffset.UnixEpoch)}</CreationDate></Bucket>"));
        return FakeS3Response.Xml(200, $"<ListAllMyBucketsResult xmlns=\"{FakeS3Response.Namespace}\"><Owner><ID>hearth</ID><DisplayName>hearth</DisplayName></Owner>" +
            $"<Buckets>{buckets}</Buckets></ListAllMyBucketsResult>");
    }

    private FakeS3Response CreateBucket(FakeS3Request request)
    {
        if (_buckets.ContainsKey(request.Bucket!))
            return FakeS3Response.Error(409, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", request.Path);
        _buckets[request.Bucket!] = new FakeS3Bucket(request.Bucket!);
        return FakeS3Response.Empty(200, new Dictionary<string, string> { ["Location"] = "/" + request.Bucket });
    }

    private static FakeS3Response GetVersioning(FakeS3Bucket bucket) =>
        FakeS3Response.Xml(200, bucket.Versioning is null
            ? $"<VersioningConfiguration xmlns=\"{FakeS3Response.Namespace}\"/>"
            : $"<VersioningConfiguration xmlns=\"{FakeS3Response.Namespace}\"><Status>{bucket.Versioning}</Status></VersioningConfiguration>");

    private static FakeS3Response PutVersioning(FakeS3Bucket bucket, FakeS3Request request)
    {
        var status = XDocument.Parse(Encoding.UTF8.GetString(request.Body)).Descendants().FirstOrDefault(e => e.Name.LocalName == "Status")?.Value;
        if (status is not ("Enabled" or "Suspended"))
            return FakeS3Response.Error(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", request.Path);
        bucket.Versioning = status;
        return FakeS3Response.Empty(200);
    }

    /// <summary>ListObjectVersions: keys in order, each key's versions newest first, paged by key and version markers.</summary>
    private FakeS3Response ListVersions(FakeS3Bucket bucket, FakeS3Request request)
    {
        var prefix = request.QueryValue("prefix") ?? "";
        var keyMarker = request.QueryValue("key-marker") ?? "";
        var versionMarker = request.QueryValue("version-id-marker") ?? "";
        var maxKeys = int.TryParse(request.QueryValue("max-keys"), NumberStyles.None, CultureInfo.InvariantCulture, out var max) ? Math.Clamp(max, 0, MaxKeysPerPage) : MaxKeysPerPage;
        var entries = bucket.Objects
            .Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal))
            .SelectMany(o => Enumerable.Reverse(o.Value).Select((v, i) => (Key: o.Key, Version: v, IsLatest: i == 0)))
            .ToList();
        var start = versionMarker.Length > 0
            ? entries.FindIndex(e => e.Key == keyMarker && e.Version.VersionId == versionMarker) + 1
            : entries.FindIndex(e => string.CompareOrdinal(e.Key, keyMarker) > 0);
        if (start < 0)
            start = entries.Count;
        var page = entries.Skip(start).Take(maxKeys).ToList();
        var truncated = start + page.Count < entries.Count;
        var xml = new StringBuilder($"<ListVersionsResult xmlns=\"{FakeS3Response.Namespace}\"><Name>{FakeS3Response.Escape(bucket.Name)}</Name>")
            .Append($"<Prefix>{FakeS3Response.Escape(prefix)}</Prefix><KeyMarker>{FakeS3Response.Escape(keyMarker)}</KeyMarker>")
            .Append($"<VersionIdMarker>{FakeS3Response.Escape(versionMarker)}</VersionIdMarker><MaxKeys>{maxKeys}</MaxKeys>")
            .Append($"<IsTruncated>{(truncated ? "true" : "false")}</IsTruncated>");
        if (truncated)
            xml.Append($"<NextKeyMarker>{FakeS3Response.Escape(page[^1].Key)}</NextKeyMarker><NextVersionIdMarker>{page[^1].Version.VersionId}</NextVersionIdMarker>");
        foreach (var (key, version, isLatest) in page)
        {
            var common = $"<Key>{FakeS3Response.Escape(key)}</Key><VersionId>{version.VersionId}</VersionId><IsLatest>{(isLatest ? "true" : "false")}</IsLatest>" +
                $"<LastModified>{Iso(version.LastModified)}</LastModified><Owner><ID>hearth</ID><DisplayName>hearth</DisplayName></Owner>";
            xml.Append(version.IsDeleteMarker
                ? $"<DeleteMarker>{common}</DeleteMarker>"
                : $"<Version>{common}<ETag>{FakeS3Response.Escape(version.ETag)}</ETag><Size>{version.Content.Length}</Size><StorageClass>STANDARD</StorageClass></Version>");
        }
        return FakeS3Response.Xml(200, xml.Append("</ListVersionsResult>").ToString());
    }
}
