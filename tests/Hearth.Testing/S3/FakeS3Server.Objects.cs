namespace Hearth.Testing.S3;

public sealed partial class FakeS3Server
{
    private const string NotImplementedMessage = "A header you provided implies functionality that is not implemented";

    private FakeS3Response ObjectRequest(FakeS3Bucket bucket, string key, FakeS3Request request)
    {
        var versionId = request.QueryValue("versionId");
        return request.Method switch
        {
            "PUT" when request.Query.Count == 0 => Put(bucket, key, request),
            "GET" or "HEAD" when request.Query.Keys.All(k => k == "versionId") => Get(bucket, key, versionId, request),
            "DELETE" when request.Query.Keys.All(k => k == "versionId") => versionId is null ? Delete(bucket, key, request) : DeleteVersion(bucket, key, versionId),
            _ => FakeS3Response.Error(501, "NotImplemented", NotImplementedMessage, request.Path),
        };
    }

    /// <summary>The answer a conditional request gets before anything changes, or null to go on.</summary>
    private FakeS3Response? Precondition(FakeS3Bucket bucket, string key, FakeS3Request request)
    {
        var ifMatch = request.Header("If-Match");
        var ifNoneMatch = request.Header("If-None-Match");
        if (ifMatch is null && ifNoneMatch is null)
            return null;
        switch (request.Method == "DELETE" ? ConditionalDeletes ?? ConditionalWrites : ConditionalWrites)
        {
            case FakeS3ConditionalWrites.Ignores:
                return null;
            case FakeS3ConditionalWrites.NotImplemented:
                return FakeS3Response.Error(501, "NotImplemented", NotImplementedMessage, request.Path);
        }
        var current = bucket.Current(key);
        if (ifNoneMatch is not null && current is not null && (ifNoneMatch == "*" || ifNoneMatch == current.ETag))
            return PreconditionFailed(request, "If-None-Match");
        if (ifMatch is not null && current is null)
            return FakeS3Response.Error(404, "NoSuchKey", "The specified key does not exist.", request.Path);
        if (ifMatch is not null && ifMatch != "*" && ifMatch != current!.ETag)
            return PreconditionFailed(request, "If-Match");
        return null;
    }

    private static FakeS3Response PreconditionFailed(FakeS3Request request, string condition) => FakeS3Response.Xml(412,
        $"<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message>" +
        $"<Condition>{condition}</Condition><Resource>{FakeS3Response.Escape(request.Path)}</Resource><RequestId>{Guid.NewGuid():N}</RequestId></Error>");

    private FakeS3Response Put(FakeS3Bucket bucket, string key, FakeS3Request request)
    {
        if (Precondition(bucket, key, request) is { } refused)
            return refused;
        var version = new FakeS3Version(bucket.KeepsVersions ? NextVersionId() : "null", request.Body, Etag(request.Body), Now(), IsDeleteMarker: false);
        Append(bucket, key, version);
        var headers = new Dictionary<string, string> { ["ETag"] = version.ETag };
        if (bucket.Versioning is not null)
            headers["x-amz-version-id"] = version.VersionId;
        return FakeS3Response.Empty(200, headers);
    }

    private static FakeS3Response Get(FakeS3Bucket bucket, string key, string? versionId, FakeS3Request request)
    {
        var versions = bucket.Objects.GetValueOrDefault(key) ?? [];
        FakeS3Version? version;
        if (versionId is null)
        {
            version = bucket.Current(key);
            if (version is null)
            {
                return request.Method == "HEAD"
                    ? FakeS3Response.Empty(404)
                    : FakeS3Response.Error(404, "NoSuchKey", "The specified key does not exist.", request.Path);
            }
        }
        else
        {
            version = versions.FirstOrDefault(v => v.VersionId == versionId);
            if (version is null)
            {
                return request.Method == "HEAD"
                    ? FakeS3Response.Empty(404)
                    : FakeS3Response.Error(404, "NoSuchVersion", "The specified version does not exist.", request.Path);
            }
            if (version.IsDeleteMarker)
            {
                var marker = new Dictionary<string, string> { ["x-amz-delete-marker"] = "true", ["x-amz-version-id"] = version.VersionId };
                return request.Method == "HEAD"
                    ? FakeS3Response.Empty(405, marker)
                    : FakeS3Response.Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.", request.Path, marker);
            }
        }
        if (request.Header("If-None-Match") is { } ifNoneMatch && (ifNoneMatch == "*" || ifNoneMatch == version.ETag))
            return FakeS3Response.Empty(304, new Dictionary<string, string> { ["ETag"] = version.ETag });
        if (request.Header("If-Match") is { } ifMatch && ifMatch != "*" && ifMatch != version.ETag)
            return PreconditionFailed(request, "If-Match");
        var headers = new Dictionary<string, string>
        {
            ["ETag"] = version.ETag,
            ["Last-Modified"] = Http(version.LastModified),
            ["Content-Type"] = "application/octet-stream",
            ["Accept-Ranges"] = "bytes",
        };
        if (bucket.Versioning is not null)
            headers["x-amz-version-id"] = version.VersionId;
        return new FakeS3Response(200, version.Content, headers) { HeadLength = version.Content.Length };
    }

    private FakeS3Response Delete(FakeS3Bucket bucket, string key, FakeS3Request request)
    {
        if (Precondition(bucket, key, request) is { } refused)
            return refused;
        if (!bucket.KeepsVersions)
        {
            bucket.Objects.GetValueOrDefault(key)?.RemoveAll(v => v.VersionId == "null");
            return FakeS3Response.Empty(204);
        }
        var marker = new FakeS3Version(NextVersionId(), [], "", Now(), IsDeleteMarker: true);
        Append(bucket, key, marker);
        return FakeS3Response.Empty(204, new Dictionary<string, string> { ["x-amz-delete-marker"] = "true", ["x-amz-version-id"] = marker.VersionId });
    }

    /// <summary>Deleting one version removes it for good (no delete marker); a version that is not there is no error.</summary>
    private static FakeS3Response DeleteVersion(FakeS3Bucket bucket, string key, string versionId)
    {
        var headers = new Dictionary<string, string> { ["x-amz-version-id"] = versionId };
        if (bucket.Objects.TryGetValue(key, out var versions) && versions.Find(v => v.VersionId == versionId) is { } removed)
        {
            versions.Remove(removed);
            if (removed.IsDeleteMarker)
                headers["x-amz-delete-marker"] = "true";
        }
        return FakeS3Response.Empty(204, headers);
    }

    private static void Append(FakeS3Bucket bucket, string key, FakeS3Version version)
    {
        if (!bucket.Objects.TryGetValue(key, out var versions))
            bucket.Objects[key] = versions = [];
        if (version.VersionId == "null")
            versions.RemoveAll(v => v.VersionId == "null");
        versions.Add(version);
    }
}
