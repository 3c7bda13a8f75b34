using Amazon.S3;
using Hearth.Core.State.Remote;

namespace Hearth.Storage.S3;

/// <summary>
/// The state object in an S3 bucket; its version is the ETag. Where the server honours conditional writes (proved by
/// the probe or declared with <c>lock: conditional</c>) every write carries <c>If-Match</c> on the ETag read, or
/// <c>If-None-Match: *</c> for the first, so a run that lost its lock cannot overwrite a newer state. Elsewhere the
/// lock alone guards writes, and a HEAD before each write still catches a stale writer in all but a narrow window.
/// </summary>
internal sealed class S3StateStore(IAmazonS3 client, S3StateOptions options, bool comparesAndSwaps) : IRemoteStateStore
{
    public string Location => options.Location;

    public bool ComparesAndSwaps => comparesAndSwaps;

    public Task<StoredState?> ReadAsync(CancellationToken cancellationToken) =>
        S3Failures.GuardAsync(options, $"reading the state from {Location}", async () =>
            await S3Objects.GetAsync(client, options.Bucket, options.Key, null, cancellationToken) is { } found
                ? new StoredState(found.Content, found.ETag)
                : null, cancellationToken);

    public Task<string> WriteAsync(byte[] content, string? expectedVersion, CancellationToken cancellationToken) =>
        S3Failures.GuardAsync(options, $"writing the state to {Location}", () => comparesAndSwaps
            ? WriteConditionallyAsync(content, expectedVersion, cancellationToken)
            : WriteCheckedAsync(content, expectedVersion, cancellationToken), cancellationToken);

    private async Task<string> WriteConditionallyAsync(byte[] content, string? expectedVersion, CancellationToken cancellationToken)
    {
        var request = S3Objects.Put(options.Bucket, options.Key, content);
        if (expectedVersion is null)
            request.IfNoneMatch = "*";
        else
            request.IfMatch = expectedVersion;
        try
        {
            return (await client.PutObjectAsync(request, cancellationToken)).ETag;
        }
        catch (AmazonS3Exception e) when (S3Failures.IsPreconditionFailed(e) || S3Failures.IsConditionalConflict(e) || S3Failures.IsMissingObject(e))
        {
            // The SDK retries a write whose answer was lost; the retry then finds our own write and fails its
            // precondition. Stored bytes equal to ours mean the write happened.
            var stored = await S3Objects.GetAsync(client, options.Bucket, options.Key, null, cancellationToken);
            if (stored is { } found && found.Content.AsSpan().SequenceEqual(content))
                return found.ETag;
            throw new StateConflictException(Location, expectedVersion, stored?.ETag);
        }
    }

    private async Task<string> WriteCheckedAsync(byte[] content, string? expectedVersion, CancellationToken cancellationToken)
    {
        var stored = await S3Objects.HeadAsync(client, options.Bucket, options.Key, cancellationToken);
        if (!string.Equals(stored, expectedVersion, StringComparison.Ordinal))
            throw new StateConflictException(Location, expectedVersion, stored);
        return (await client.PutObjectAsync(S3Objects.Put(options.Bucket, options.Key, content), cancellationToken)).ETag;
    }
}
