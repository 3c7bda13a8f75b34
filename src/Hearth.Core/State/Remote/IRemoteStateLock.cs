namespace Hearth.Core.State.Remote;

/// <summary>
/// A remote backend's lock. Each call is one attempt; the remote backend above it waits and retries up to the
/// run's <c>--lock-timeout</c>. The holder's <see cref="LockInfo"/> is stored with the lock so anyone who finds
/// the state locked can be told who holds it.
/// </summary>
public interface IRemoteStateLock
{
    /// <summary>Tries once to take the lock: null when this run now holds it, otherwise the current holder.</summary>
    Task<LockInfo?> TryAcquireAsync(LockInfo lockInfo, CancellationToken cancellationToken);

    /// <summary>Releases the lock this run holds; never removes a lock taken by someone else since.</summary>
    Task ReleaseAsync(LockInfo lockInfo, CancellationToken cancellationToken);

    /// <summary>The current holder, or null when the state is not locked.</summary>
    Task<LockInfo?> GetHolderAsync(CancellationToken cancellationToken);

    /// <summary>Removes the lock with <paramref name="lockId"/>, whoever holds it (<c>hearth force-unlock</c>).</summary>
    /// <exception cref="Diagnostics.StateException">There is no lock, or it has another ID.</exception>
    Task ForceReleaseAsync(string lockId, CancellationToken cancellationToken);
}
