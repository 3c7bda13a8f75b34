using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Core.State.Remote;

namespace Hearth.Testing.RemoteState;

/// <summary>
/// A remote state location held in memory, with compare-and-swap writes and an exclusive lock: the reference
/// every real store is measured against by <see cref="RemoteStateStoreContract"/>, and a stand-in for engine tests.
/// </summary>
public sealed class InMemoryRemoteState : IRemoteStateStore, IRemoteStateLock
{
    private readonly Lock _gate = new();
    private StoredState? _stored;
    private LockInfo? _holder;
    private readonly System.Collections.Concurrent.ConcurrentQueue<byte[]> _writesMade = new();
    private long _writes;
    private int _failingWrites;
    private long _reads;

    public string Location => "memory";

    /// <summary>Every write so far, oldest first, so tests can inspect what reached the store.</summary>
    public IReadOnlyList<byte[]> Writes => _writesMade.ToArray();

    /// <summary>How many reads of the state were made so far.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>
    /// Makes the next <paramref name="count"/> writes fail as an unreachable store does (a <see cref="StateException"/>),
    /// storing nothing; reads and the lock keep working.
    /// </summary>
    public void FailNextWrites(int count = 1)
    {
        lock (_gate)
            _failingWrites = count;
    }

    /// <summary>Replaces the stored bytes as another writer ignoring the lock would (a new version, not counted in <see cref="Writes"/>).</summary>
    public void StoreBehindTheLock(byte[] content)
    {
        lock (_gate)
            _stored = new StoredState(content.ToArray(), $"v{++_writes}");
    }

    public Task<StoredState?> ReadAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        lock (_gate)
            return Task.FromResult(_stored);
    }

    public Task<string> WriteAsync(byte[] content, string? expectedVersion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_failingWrites > 0)
            {
                _failingWrites--;
                throw new StateException($"cannot reach {Location}: connection refused", "check the network and the store's address");
            }
            if (_stored?.Version != expectedVersion)
                throw new StateConflictException(Location, expectedVersion, _stored?.Version);
            _stored = new StoredState(content.ToArray(), $"v{++_writes}");
            _writesMade.Enqueue(_stored.Content);
            return Task.FromResult(_stored.Version);
        }
    }

    public Task<LockInfo?> TryAcquireAsync(LockInfo lockInfo, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_holder is not null)
                return Task.FromResult<LockInfo?>(_holder);
            _holder = lockInfo;
            return Task.FromResult<LockInfo?>(null);
        }
    }

    public Task ReleaseAsync(LockInfo lockInfo, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_holder?.Id == lockInfo.Id)
                _holder = null;
        }
        return Task.CompletedTask;
    }

    public Task<LockInfo?> GetHolderAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_holder);
    }

    public Task ForceReleaseAsync(string lockId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_holder?.Id != lockId)
                throw new StateException(_holder is null ? $"there is no lock on {Location}" : $"the lock on {Location} has ID {_holder.Id}, not {lockId}",
                    "check the ID in the error that reported the lock");
            _holder = null;
        }
        return Task.CompletedTask;
    }

    public RemoteStateClient Client() => new(this, this);
}
