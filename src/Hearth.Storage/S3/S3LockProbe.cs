using Amazon.S3;
using Amazon.S3.Model;

namespace Hearth.Storage.S3;

/// <summary>
/// Finds out, once per run, what the server really does with conditional writes and whether the bucket keeps
/// versions, so <c>lock: auto</c> can choose: a probe object next to the state is created twice with
/// <c>If-None-Match: *</c>; only a 412 on the second proves the server enforces the header (s3rver answers 200 and
/// overwrites; B2 answers 501). Every version the probe made is deleted again.
/// </summary>
internal sealed class S3LockProbe(IAmazonS3 client, S3StateOptions options)
{
    public async Task<S3ConditionalWrites> ConditionalWritesAsync(CancellationToken cancellationToken)
    {
        var probeKey = $"{options.Key}.probe-{Guid.NewGuid():N}";
        var made = new List<string?>();
        try
        {
            return await S3Failures.GuardAsync(options, $"probing {options.EndpointText} for conditional writes", async () =>
            {
                for (var attempt = 0; attempt < 2; attempt++)
                {
                    var request = S3Objects.Put(options.Bucket, probeKey, "hearth lock probe"u8.ToArray());
                    request.IfNoneMatch = "*";
                    try
                    {
                        made.Add(S3Objects.RealVersionId((await client.PutObjectAsync(request, cancellationToken)).VersionId));
                    }
                    catch (AmazonS3Exception e) when (S3Failures.IsNotImplemented(e))
                    {
                        return S3ConditionalWrites.NotImplemented;
                    }
                    catch (AmazonS3Exception e) when (attempt == 1 && S3Failures.IsPreconditionFailed(e))
                    {
                        return S3ConditionalWrites.Honoured;
                    }
                }
                return S3ConditionalWrites.Ignored;
            }, cancellationToken);
        }
        finally
        {
            if (made.Count > 0)
                await RemoveAsync(probeKey, made);
        }
    }

    /// <summary>Whether the bucket's versioning is Enabled; a server that does not implement the call (s3rver) keeps none.</summary>
    public Task<bool> VersioningEnabledAsync(CancellationToken cancellationToken) =>
        S3Failures.GuardAsync(options, $"reading the versioning of bucket {options.Bucket}", async () =>
        {
            try
            {
                var response = await client.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = options.Bucket }, cancellationToken);
                return response.VersioningConfig?.Status == VersionStatus.Enabled;
            }
            catch (AmazonS3Exception e) when (S3Failures.IsNotImplemented(e))
            {
                return false;
            }
        }, cancellationToken);

    /// <summary>Best effort, never cancelled half-way: a probe object left behind is litter, not a lock.</summary>
    private async Task RemoveAsync(string probeKey, List<string?> made)
    {
        try
        {
            var versionIds = made.OfType<string>().ToList();
            if (versionIds.Count == 0)
            {
                await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = options.Bucket, Key = probeKey }, CancellationToken.None);
                return;
            }
            foreach (var versionId in versionIds)
                await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = options.Bucket, Key = probeKey, VersionId = versionId }, CancellationToken.None);
        }
        catch (AmazonS3Exception)
        {
            // Litter named *.probe-…; the run goes on.
        }
    }
}
