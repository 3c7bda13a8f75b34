using Amazon.S3;
using Amazon.S3.Model;

namespace Hearth.Storage.S3;

/// <summary>The few object calls the state store and the locks share, in the form every S3 server accepts.</summary>
internal static class S3Objects
{
    public static PutObjectRequest Put(string bucket, string key, byte[] content) => new()
    {
        BucketName = bucket,
        Key = key,
        InputStream = new MemoryStream(content, writable: false),
        ContentType = "application/octet-stream",
        // A plain signed body: aws-chunked uploads are not understood by every S3-compatible server.
        UseChunkEncoding = false,
        AutoCloseStream = true,
    };

    /// <summary>The object's bytes and ETag, or null when it (or that version) does not exist.</summary>
    public static async Task<(byte[] Content, string ETag)?> GetAsync(IAmazonS3 client, string bucket, string key, string? versionId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, VersionId = versionId }, cancellationToken);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
            return (buffer.ToArray(), response.ETag);
        }
        catch (AmazonS3Exception e) when (S3Failures.IsMissingObject(e))
        {
            return null;
        }
    }

    /// <summary>The object's ETag, or null when it does not exist.</summary>
    public static async Task<string?> HeadAsync(IAmazonS3 client, string bucket, string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken);
            return response.ETag;
        }
        catch (AmazonS3Exception e) when (S3Failures.IsMissingObject(e))
        {
            return null;
        }
    }

    /// <summary>A version ID as S3 reports it, or null where the bucket is not versioned (S3 says <c>null</c>).</summary>
    public static string? RealVersionId(string? versionId) =>
        string.IsNullOrEmpty(versionId) || string.Equals(versionId, "null", StringComparison.Ordinal) ? null : versionId;
}
