using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Core.State.Remote;
using Hearth.Storage.Locking;

namespace Hearth.Storage.Tests.B2;

/// <summary>
/// A minimal lock over <see cref="IObjectVersions"/>, for these tests only, until the shared versioned lock
/// lands: upload one's own version holding the lock info, list, and the earliest live version holds the lock;
/// a loser deletes its own version and reports the holder from the earliest version's content.
/// </summary>
internal sealed class EarliestVersionLock(IObjectVersions versions, string location) : IRemoteStateLock
{
    /// <summary>Listings to try when the earliest version vanishes between listing and reading it (its holder let go).</summary>
    private const int Attempts = 5;

    public async Task<LockInfo?> TryAcquireAsync(LockInfo lockInfo, CancellationToken cancellationToken)
    {
        var mine = await versions.PutAsync(LockInfoJson.ToBytes(lockInfo), cancellationToken);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var live = await versions.ListAsync(cancellationToken);
            if (live.Count > 0 && live[0].VersionId == mine)
                return null;
            if (live.Count > 0 && await HolderAsync(live[0], cancellationToken) is { } holder)
            {
                await versions.DeleteAsync(mine, cancellationToken);
                return holder;
            }
        }
        await versions.DeleteAsync(mine, cancellationToken);
        throw new StateException($"the lock on {location} kept changing while this run tried to take it", "run the command again");
    }

    public async Task ReleaseAsync(LockInfo lockInfo, CancellationToken cancellationToken) =>
        await DeleteVersionsOfAsync(lockInfo.Id, cancellationToken);

    public async Task<LockInfo?> GetHolderAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var live = await versions.ListAsync(cancellationToken);
            if (live.Count == 0)
                return null;
            if (await HolderAsync(live[0], cancellationToken) is { } holder)
                return holder;
        }
        throw new StateException($"the lock on {location} kept changing while this run read it", "run the command again");
    }

    public async Task ForceReleaseAsync(string lockId, CancellationToken cancellationToken)
    {
        var holder = await GetHolderAsync(cancellationToken);
        if (holder?.Id != lockId)
            throw new StateException(holder is null ? $"there is no lock on {location}" : $"the lock on {location} has ID {holder.Id}, not {lockId}",
                "check the ID in the error that reported the lock");
        await DeleteVersionsOfAsync(lockId, cancellationToken);
    }

    /// <summary>The lock info in a version; a version that is not lock info is someone's claim all the same.</summary>
    private async Task<LockInfo?> HolderAsync(ObjectVersion version, CancellationToken cancellationToken) =>
        await versions.GetAsync(version.VersionId, cancellationToken) is { } content
            ? LockInfoJson.Read(content) ?? new LockInfo(version.VersionId, "unknown", "unknown", version.Committed, location, "", 0)
            : null;

    private async Task DeleteVersionsOfAsync(string lockId, CancellationToken cancellationToken)
    {
        foreach (var version in await versions.ListAsync(cancellationToken))
        {
            if (await versions.GetAsync(version.VersionId, cancellationToken) is { } content && LockInfoJson.Read(content)?.Id == lockId)
                await versions.DeleteAsync(version.VersionId, cancellationToken);
        }
    }
}
