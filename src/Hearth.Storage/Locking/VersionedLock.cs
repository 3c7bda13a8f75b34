using System.Diagnostics;
using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Core.State.Remote;

namespace Hearth.Storage.Locking;

/// <summary>
/// A state lock for stores that keep every upload as a version but offer no conditional write (B2, a versioned S3
/// bucket behind a server that answers 501 to <c>If-None-Match</c>). Each contender uploads its own version of the
/// lock object holding its <see cref="LockInfo"/> and lists the live versions: the earliest one in the store's
/// order holds the lock; every other contender deletes its version and reports that holder. The argument why at
/// most one contender wins, and what the settle delay is for, is in docs/state.md.
/// </summary>
/// <param name="versions">The lock object's versions.</param>
/// <param name="location">The state's location, for messages.</param>
/// <param name="settleDelay">
/// How long a contender that found its version earliest waits before it looks again and claims the lock; a
/// contender whose upload took longer than this gives up. Must be the same for every contender of one lock.
/// </param>
internal sealed class VersionedLock(IObjectVersions versions, string location, TimeSpan settleDelay) : IRemoteStateLock
{
    /// <summary>
    /// The settle delay unless the lab sets <c>state.lock_settle_delay</c>: longer than an upload to the store normally
    /// takes, so a contender whose slower upload the store ordered first is still seen before anyone claims the lock.
    /// </summary>
    public static readonly TimeSpan DefaultSettleDelay = TimeSpan.FromSeconds(2);

    /// <summary>Attempts (upload, look, decide) before giving up when uploads are too slow or the holder keeps changing.</summary>
    private const int MaxAttempts = 5;

    /// <summary>Listings within one attempt: the holder may release between our listing and our read of it.</summary>
    private const int MaxLooks = 8;

    /// <summary>How long clean-up after a failed or cancelled attempt may take.</summary>
    private static readonly TimeSpan AbandonTimeout = TimeSpan.FromSeconds(10);

    public async Task<LockInfo?> TryAcquireAsync(LockInfo lockInfo, CancellationToken cancellationToken)
    {
        var content = LockInfoJson.ToBytes(lockInfo);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // Look before uploading: a held lock is reported without adding a version, and the store connection is
            // warm when the upload is timed below.
            if (await GetHolderAsync(cancellationToken) is { } held && held.Id != lockInfo.Id)
                return held;
            Outcome outcome;
            try
            {
                outcome = await AttemptAsync(lockInfo, content, cancellationToken);
            }
            catch
            {
                await AbandonAsync(lockInfo.Id);
                throw;
            }
            if (outcome is not Outcome.Retry)
                return outcome is Outcome.Lost lost ? lost.Holder : null;
        }
        throw new StateException($"could not take the state lock at {location} in {MaxAttempts} attempts: the store answered too slowly " +
            $"(an upload took over {settleDelay.TotalSeconds:0.#} s) or the lock kept changing hands",
            "retry; on a slow link raise state.lock_settle_delay (seconds, default 2)");
    }

    public async Task ReleaseAsync(LockInfo lockInfo, CancellationToken cancellationToken) =>
        await DeleteAllOfAsync(lockInfo.Id, await versions.ListAsync(cancellationToken), cancellationToken);

    public async Task<LockInfo?> GetHolderAsync(CancellationToken cancellationToken)
    {
        foreach (var version in await versions.ListAsync(cancellationToken))
        {
            if (await versions.GetAsync(version.VersionId, cancellationToken) is { } content)
                return Describe(version, content);
        }
        return null;
    }

    public async Task ForceReleaseAsync(string lockId, CancellationToken cancellationToken)
    {
        var live = await versions.ListAsync(cancellationToken);
        LockInfo? holder = null;
        var deleted = 0;
        foreach (var version in live)
        {
            if (await versions.GetAsync(version.VersionId, cancellationToken) is not { } content)
                continue;
            var info = Describe(version, content);
            holder ??= info;
            if (info.Id == lockId)
            {
                await versions.DeleteAsync(version.VersionId, cancellationToken);
                deleted++;
            }
        }
        if (deleted == 0)
        {
            throw new StateException(holder is null
                    ? $"there is no lock on {location}"
                    : $"the lock on {location} has ID {holder.Id} (held by {holder.Who}), not {lockId}",
                "check the ID in the error that reported the lock");
        }
    }

    private async Task<Outcome> AttemptAsync(LockInfo lockInfo, byte[] content, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var mine = await versions.PutAsync(content, cancellationToken);
        if (Stopwatch.GetElapsedTime(started) > settleDelay)
        {
            // The store may have ordered our version at the upload's start yet shown it only at its end; a
            // contender that listed in between may already hold the lock. Step back and try again.
            await DeleteAllOfAsync(lockInfo.Id, await versions.ListAsync(cancellationToken), cancellationToken);
            return Outcome.Retry.Instance;
        }
        return await ContendAsync(lockInfo, mine, cancellationToken);
    }

    /// <summary>
    /// After a failure or cancellation part-way (Ctrl+C during the settle delay), removes what this attempt uploaded,
    /// so it is not left as a lock nobody holds. Best effort, bounded, and deliberately not cancelled by the token
    /// that just fired; what it cannot remove is reported as the holder until force-unlocked.
    /// </summary>
    private async Task AbandonAsync(string lockId)
    {
        try
        {
            using var bounded = new CancellationTokenSource(AbandonTimeout);
            await DeleteAllOfAsync(lockId, await versions.ListAsync(bounded.Token), bounded.Token);
        }
        catch (Exception)
        {
            // The original failure is what the caller needs to see.
        }
    }

    private async Task<Outcome> ContendAsync(LockInfo lockInfo, string mine, CancellationToken cancellationToken)
    {
        var settled = false;
        for (var look = 0; look < MaxLooks; look++)
        {
            var live = await versions.ListAsync(cancellationToken);
            if (!live.Any(v => v.VersionId == mine))
                return Outcome.Retry.Instance; // our version was force-removed meanwhile: start over
            var earliest = live[0];
            if (earliest.VersionId == mine)
            {
                if (settled)
                {
                    await DeleteAllOfAsync(lockInfo.Id, live.Skip(1), cancellationToken);
                    return Outcome.Won.Instance;
                }
                await Task.Delay(settleDelay, cancellationToken);
                settled = true;
                continue;
            }
            if (await versions.GetAsync(earliest.VersionId, cancellationToken) is not { } content)
                continue; // the holder released between our listing and our read: look again
            var holder = Describe(earliest, content);
            if (holder.Id == lockInfo.Id)
            {
                // An earlier upload of ours whose answer was lost (and retried): keep that one, drop the later copy.
                await versions.DeleteAsync(mine, cancellationToken);
                mine = earliest.VersionId;
                continue;
            }
            await DeleteAllOfAsync(lockInfo.Id, live.Skip(1), cancellationToken);
            return new Outcome.Lost(holder);
        }
        await DeleteAllOfAsync(lockInfo.Id, await versions.ListAsync(cancellationToken), cancellationToken);
        return Outcome.Retry.Instance;
    }

    /// <summary>Deletes every version among <paramref name="candidates"/> holding <paramref name="lockId"/>: ours, and copies left by retried uploads.</summary>
    private async Task DeleteAllOfAsync(string lockId, IEnumerable<ObjectVersion> candidates, CancellationToken cancellationToken)
    {
        foreach (var version in candidates)
        {
            if (await versions.GetAsync(version.VersionId, cancellationToken) is { } content && Describe(version, content).Id == lockId)
                await versions.DeleteAsync(version.VersionId, cancellationToken);
        }
    }

    /// <summary>The lock info in a version; one that holds none (torn, or another tool's) is a lock named by its version ID.</summary>
    private LockInfo Describe(ObjectVersion version, byte[] content) =>
        LockInfoJson.Read(content) ?? new LockInfo(version.VersionId, "unknown (unreadable lock object)", "unknown", version.Committed, location, "", 0);

    private abstract record Outcome
    {
        public sealed record Won : Outcome
        {
            public static readonly Won Instance = new();
        }

        public sealed record Lost(LockInfo Holder) : Outcome;

        public sealed record Retry : Outcome
        {
            public static readonly Retry Instance = new();
        }
    }
}
