namespace Hearth.Core.State;

/// <summary>
/// Where the state lives. Every backend offers an unlocked read, a locked session for runs that change
/// state, and a way to clear a lock whose holder is gone. Implementations: the local file
/// (<see cref="Local.LocalStateBackend"/>) and the remote backends of the storage module.
/// </summary>
public interface IStateBackend
{
    /// <summary>Where the state is, for messages ("local file .hearth/state.json").</summary>
    string Location { get; }

    /// <summary>Reads the latest state without taking the lock; null when there is none yet.</summary>
    /// <exception cref="Diagnostics.StateException">The stored state is unreadable.</exception>
    Task<StateDocument?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes the lock, waiting up to <paramref name="lockTimeout"/>, and opens a session on the latest state.
    /// Disposing the session flushes it and releases the lock.
    /// </summary>
    /// <exception cref="Diagnostics.StateLockedException">Another run holds the lock past the timeout.</exception>
    Task<IStateSession> OpenAsync(LockInfo lockInfo, TimeSpan lockTimeout, CancellationToken cancellationToken);

    /// <summary>The current holder of the lock, or null when the state is not locked.</summary>
    Task<LockInfo?> GetLockAsync(CancellationToken cancellationToken);

    /// <summary>Removes the lock with <paramref name="lockId"/> left behind by a run that is gone.</summary>
    /// <exception cref="Diagnostics.StateException">No such lock, another lock ID, or its holder is still running.</exception>
    Task ForceUnlockAsync(string lockId, CancellationToken cancellationToken);
}
