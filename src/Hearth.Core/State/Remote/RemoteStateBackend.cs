using System.Security.Cryptography;
using System.Text;

namespace Hearth.Core.State.Remote;

/// <summary>
/// A state backend on any remote store and lock (S3, B2, PostgreSQL): serialises and encrypts the document, checks
/// lineage and serial before each write, waits for the lock up to the run's timeout, and keeps each run's changes in
/// a local recovery cache (<c>.hearth/remote/&lt;hash&gt;/</c>) so the store is written once per run. A run killed
/// before that write is recovered by the next run on this machine; a write that fails leaves <c>errored.hearth-state</c>.
/// </summary>
public sealed class RemoteStateBackend(IRemoteStateStore store, IRemoteStateLock remoteLock, RemoteStateOptions options) : IStateBackend
{
    /// <summary>The file, in the lab directory, that holds the state when the final write to the store failed.</summary>
    public const string ErroredStateFileName = "errored.hearth-state";

    /// <summary>The file, in the lab directory, that holds an interrupted run's state the store has moved on from.</summary>
    public const string InterruptedRunFileName = "interrupted-run.hearth-state";

    private readonly StoredStateCodec _codec = new(options.Encryption, options.HearthVersion);

    public string Location => store.Location;

    /// <summary>This store's recovery cache: a hash of <see cref="Location"/> under the cache root.</summary>
    public string CacheDirectory => Path.Combine(options.CacheRootPath,
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(store.Location)))[..16]);

    /// <summary>Where <c>errored.hearth-state</c> is written.</summary>
    public string ErroredStatePath => options.ErroredStatePath;

    public async Task<StateDocument?> ReadAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(cancellationToken);
        return stored is null ? null : await _codec.DecodeAsync(stored.Content, store.Location, cancellationToken);
    }

    /// <summary>Takes the remote lock, then opens a session on the stored state, or on an interrupted run's state found in the recovery cache.</summary>
    /// <returns>A <see cref="RemoteStateSession"/>; see its <see cref="RemoteStateSession.RecoveredFromInterruptedRun"/> and notices.</returns>
    public async Task<IStateSession> OpenAsync(LockInfo lockInfo, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + lockTimeout;
        await RemoteLockWaiter.AcquireAsync(remoteLock, lockInfo, lockTimeout, store.Location, cancellationToken);
        try
        {
            // The cache's own lock is free unless a run on this machine still works after its remote lock was forced
            // open; wait for it no longer than for the remote lock.
            var left = deadline - DateTimeOffset.UtcNow;
            return await RemoteStateSession.OpenAsync(store, remoteLock, lockInfo, _codec, options, new RecoveryCache(CacheDirectory),
                left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken);
        }
        catch
        {
            await remoteLock.ReleaseAsync(lockInfo, CancellationToken.None);
            throw;
        }
    }

    public Task<LockInfo?> GetLockAsync(CancellationToken cancellationToken) => remoteLock.GetHolderAsync(cancellationToken);

    public Task ForceUnlockAsync(string lockId, CancellationToken cancellationToken) => remoteLock.ForceReleaseAsync(lockId, cancellationToken);

    /// <summary>
    /// Reads a state file in this backend's stored form, decrypting it when it is encrypted (<c>errored.hearth-state</c>
    /// for <c>hearth state push</c>); a plain state document is read as it is.
    /// </summary>
    /// <exception cref="Diagnostics.StateException">It cannot be decrypted or is not a state document.</exception>
    public Task<StateDocument> ReadStateFileAsync(byte[] content, string source, CancellationToken cancellationToken) =>
        _codec.DecodeAsync(content, source, cancellationToken);
}
