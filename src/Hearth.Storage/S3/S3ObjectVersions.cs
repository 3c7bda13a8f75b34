using Amazon.S3;
using Amazon.S3.Model;
using Hearth.Core.Diagnostics;
using Hearth.Storage.Locking;

namespace Hearth.Storage.S3;

/// <summary>
/// The versions of one object in a versioned S3 bucket, for the versioned lock: uploads return their VersionId,
/// listings come from ListObjectVersions, deletes name the version (so they remove it instead of adding a
/// delete marker).
/// </summary>
internal sealed class S3ObjectVersions(IAmazonS3 client, S3StateOptions options, string key) : IObjectVersions
{
    public Task<string> PutAsync(byte[] content, CancellationToken cancellationToken) =>
        S3Failures.GuardAsync(options, $"uploading a version of {key}", async () =>
        {
            var response = await client.PutObjectAsync(S3Objects.Put(options.Bucket, key, content), cancellationToken);
            return S3Objects.RealVersionId(response.VersionId)
                ?? throw new StateException($"bucket {options.Bucket} at {options.EndpointText} gave the upload of {key} no version ID: versioning is not enabled",
                    "enable versioning on the bucket (the versioned lock needs it), or choose another state.lock");
        }, cancellationToken);

    /// <remarks>
    /// S3 lists the versions of one key newest first, in the order it committed them; reversed, that is oldest first.
    /// LastModified then orders them (stably), so a server that lists in another order still sorts by time, and
    /// versions with equal timestamps (whole seconds on some servers) keep the store's own order.
    /// </remarks>
    public Task<IReadOnlyList<ObjectVersion>> ListAsync(CancellationToken cancellationToken) =>
        S3Failures.GuardAsync<IReadOnlyList<ObjectVersion>>(options, $"listing the versions of {key}", async () =>
        {
            var listed = new List<S3ObjectVersion>();
            var request = new ListVersionsRequest { BucketName = options.Bucket, Prefix = key };
            while (true)
            {
                var page = await client.ListVersionsAsync(request, cancellationToken);
                listed.AddRange(page.Versions ?? []);
                if (page.IsTruncated != true)
                    break;
                request.KeyMarker = page.NextKeyMarker;
                request.VersionIdMarker = page.NextVersionIdMarker;
            }
            return
            [
                .. listed
                    .Where(v => string.Equals(v.Key, key, StringComparison.Ordinal) && v.IsDeleteMarker != true)
                    .Reverse()
                    .OrderBy(v => v.LastModified ?? DateTime.MinValue)
                    .Select(v => new ObjectVersion(v.VersionId, v.LastModified is { } t ? new DateTimeOffset(t.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.MinValue)),
            ];
        }, cancellationToken);

    public Task<byte[]?> GetAsync(string versionId, CancellationToken cancellationToken) =>
        S3Failures.GuardAsync(options, $"reading version {versionId} of {key}",
            async () => (await S3Objects.GetAsync(client, options.Bucket, key, versionId, cancellationToken))?.Content, cancellationToken);

    public Task DeleteAsync(string versionId, CancellationToken cancellationToken) =>
        S3Failures.GuardAsync(options, $"deleting version {versionId} of {key}", async () =>
        {
            try
            {
                await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = options.Bucket, Key = key, VersionId = versionId }, cancellationToken);
            }
            catch (AmazonS3Exception e) when (S3Failures.IsMissingObject(e))
            {
                // Already gone.
            }
        }, cancellationToken);
}
