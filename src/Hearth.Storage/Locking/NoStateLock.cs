using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Core.State.Remote;

namespace Hearth.Storage.Locking;

/// <summary>
/// No lock (<c>lock: none</c>): every attempt succeeds and nobody is ever seen holding it. For stores that can
/// lock neither way, chosen explicitly by the user; <see cref="Warning"/> is what to show them on every run.
/// </summary>
internal sealed class NoStateLock(string location) : IRemoteStateLock
{
    public string Warning =>
        $"the state at {location} is not locked (lock: none): two runs at the same time can overwrite each other's changes";

    public Task<LockInfo?> TryAcquireAsync(LockInfo lockInfo, CancellationToken cancellationToken) => Task.FromResult<LockInfo?>(null);

    public Task ReleaseAsync(LockInfo lockInfo, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<LockInfo?> GetHolderAsync(CancellationToken cancellationToken) => Task.FromResult<LockInfo?>(null);

    public Task ForceReleaseAsync(string lockId, CancellationToken cancellationToken) =>
        throw new StateException($"there is no lock on {location}: it is configured with lock: none", "nothing to unlock");
}
