using Amazon.S3;
using Amazon.S3.Model;
using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Core.State.Remote;

namespace Hearth.Storage.S3;

/// <summary>
/// The lock as a lock object <c>&lt;key&gt;.lock</c> holding the holder's <see cref="LockInfo"/>, created with
/// <c>If-None-Match: *</c> so only one run can create it (412 for everyone else), and removed by compare-and-delete:
/// a DELETE with <c>If-Match</c> on the ETag of the lock object read and found to carry our lock ID. Only for
/// servers that really answer 412 (the probe of <c>lock: auto</c> proves it).
/// </summary>
internal sealed class S3ConditionalLock(IAmazonS3 client, S3StateOptions options) : IRemoteStateLock
{
    /// <summary>Attempts when the lock object vanishes between our 412 and our read of the holder.</summary>
    private const int MaxAttempts = 5;

    // Set once the server answered 501 to a conditional DELETE (S3 added If-Match on DELETE only in 2025).
    private volatile bool _deleteIfMatchUnsupported;

    public string LockKey => options.Key + ".lock";

    public Task<LockInfo?> TryAcquireAsync(LockInfo lockInfo, CancellationToken cancellationToken) =>
        S3Failures.GuardAsync(options, $"taking the state lock {LockKey}", async () =>
        {
            var content = LockInfoJson.ToBytes(lockInfo);
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var request = S3Objects.Put(options.Bucket, LockKey, content);
                request.IfNoneMatch = "*";
                try
                {
                    await client.PutObjectAsync(request, cancellationToken);
                    return null;
                }
                catch (OperationCanceledException)
                {
                    // The lock object may have been created just before the cancellation: do not leave it behind.
                    await AbandonAsync(lockInfo.Id);
                    throw;
                }
                catch (AmazonS3Exception e) when (S3Failures.IsPreconditionFailed(e) || S3Failures.IsConditionalConflict(e))
                {
                    var holder = await ReadAsync(cancellationToken);
                    if (holder is null)
                        continue; // released meanwhile: try again
                    // Our own create whose answer was lost, retried by the SDK: we hold the lock.
                    return holder.Value.Info.Id == lockInfo.Id ? null : holder.Value.Info;
                }
            }
            throw new StateException($"the state lock {LockKey} in bucket {options.Bucket} kept appearing and disappearing over {MaxAttempts} attempts",
                "other runs are taking and releasing it quickly; retry, or use --lock-timeout");
        }, cancellationToken);

    public Task ReleaseAsync(LockInfo lockInfo, CancellationToken cancellationToken) =>
        S3Failures.GuardAsync(options, $"releasing the state lock {LockKey}", async () =>
        {
            if (await ReadAsync(cancellationToken) is { } held && held.Info.Id == lockInfo.Id)
                await DeleteIfUnchangedAsync(held.ETag, cancellationToken);
        }, cancellationToken);

    public Task<LockInfo?> GetHolderAsync(CancellationToken cancellationToken) =>
        S3Failures.GuardAsync(options, $"reading the state lock {LockKey}",
            async () => (await ReadAsync(cancellationToken))?.Info, cancellationToken);

    public Task ForceReleaseAsync(string lockId, CancellationToken cancellationToken) =>
        S3Failures.GuardAsync(options, $"force-unlocking {LockKey}", async () =>
        {
            var held = await ReadAsync(cancellationToken)
                ?? throw new StateException($"there is no lock on {options.Location}", "nothing to unlock; run the command again");
            if (held.Info.Id != lockId)
                throw new StateException($"the lock on {options.Location} has ID {held.Info.Id} (held by {held.Info.Who}), not {lockId}",
                    "check the ID in the error that reported the lock");
            if (!await DeleteIfUnchangedAsync(held.ETag, cancellationToken))
                throw new StateException($"the lock on {options.Location} changed while it was being removed", "look at the lock again and retry");
        }, cancellationToken);

    /// <summary>Best effort, bounded, not cancelled by the token that just fired: removes the lock object if it is ours.</summary>
    private async Task AbandonAsync(string lockId)
    {
        try
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            if (await ReadAsync(bounded.Token) is { } held && held.Info.Id == lockId)
                await DeleteIfUnchangedAsync(held.ETag, bounded.Token);
        }
        catch (Exception)
        {
            // The cancellation is what the caller needs to see; a lock left behind is cleared by force-unlock.
        }
    }

    private async Task<(LockInfo Info, string ETag)?> ReadAsync(CancellationToken cancellationToken)
    {
        if (await S3Objects.GetAsync(client, options.Bucket, LockKey, null, cancellationToken) is not { } found)
            return null;
        // A lock object that is not lock info (torn, or written by another tool) is still a lock: name it by its ETag.
        var info = LockInfoJson.Read(found.Content)
            ?? new LockInfo(found.ETag.Trim('"'), "unknown (unreadable lock object)", "unknown", DateTimeOffset.UnixEpoch, options.Location, "", 0);
        return (info, found.ETag);
    }

    /// <returns>False when the lock object was replaced since it was read.</returns>
    private async Task<bool> DeleteIfUnchangedAsync(string etag, CancellationToken cancellationToken)
    {
        if (!_deleteIfMatchUnsupported)
        {
            try
            {
                await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = options.Bucket, Key = LockKey, IfMatch = etag }, cancellationToken);
                return true;
            }
            catch (AmazonS3Exception e) when (S3Failures.IsPreconditionFailed(e))
            {
                return false;
            }
            catch (AmazonS3Exception e) when (S3Failures.IsMissingObject(e))
            {
                return true;
            }
            catch (AmazonS3Exception e) when (S3Failures.IsNotImplemented(e))
            {
                _deleteIfMatchUnsupported = true;
            }
        }
        // Read-then-delete: we just read our ID in the lock object, and while it exists no other run can create a
        // new one; only a concurrent force-unlock followed by a new lock within this window could be lost.
        await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = options.Bucket, Key = LockKey }, cancellationToken);
        return true;
    }
}
