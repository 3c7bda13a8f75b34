using Hearth.Core.Diagnostics;
using Hearth.Core.State.Local;

namespace Hearth.Core.State.Remote;

/// <summary>
/// A locked remote state. Each change is made durable in the local recovery cache (one fsync'd journal line, as the
/// local backend does), and the whole document goes to the store once, at <see cref="FlushAsync"/> or on dispose (and
/// at once for <see cref="ReplaceAsync"/>): a run costs one store write however many resources it changes. When that
/// write fails the state is saved to <c>errored.hearth-state</c> and the cache is kept, so nothing is lost.
/// </summary>
public sealed partial class RemoteStateSession : IStateSession
{
    private readonly IRemoteStateStore _store;
    private readonly IRemoteStateLock _lock;
    private readonly LockInfo _lockInfo;
    private readonly StoredStateCodec _codec;
    private readonly RemoteStateOptions _options;
    private readonly RecoveryCache _cache;
    private readonly LocalStateSession _local;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly List<RemoteStateNotice> _notices = [];

    /// <summary>What the store holds as far as this run knows (null: nothing), and its version tag.</summary>
    private StateDocument? _stored;
    private string? _storedVersion;
    private bool _storedPlain;
    private bool _closed;

    private RemoteStateSession(IRemoteStateStore store, IRemoteStateLock remoteLock, LockInfo lockInfo, StoredStateCodec codec,
        RemoteStateOptions options, RecoveryCache cache, LocalStateSession local)
    {
        _store = store;
        _lock = remoteLock;
        _lockInfo = lockInfo;
        _codec = codec;
        _options = options;
        _cache = cache;
        _local = local;
    }

    public StateDocument Current => _local.Current;

    /// <summary>Set when this session continues from changes an interrupted run on this machine never stored.</summary>
    public RecoveredRun? RecoveredFromInterruptedRun { get; private set; }

    /// <summary>Everything this session reported so far (also passed to <see cref="RemoteStateOptions.Notify"/>).</summary>
    public IReadOnlyList<RemoteStateNotice> Notices
    {
        get
        {
            lock (_notices)
                return [.. _notices];
        }
    }

    /// <summary>Opens a session once the remote lock is held; the caller releases the lock if this throws.</summary>
    internal static async Task<RemoteStateSession> OpenAsync(IRemoteStateStore store, IRemoteStateLock remoteLock, LockInfo lockInfo,
        StoredStateCodec codec, RemoteStateOptions options, RecoveryCache cache, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        var read = await store.ReadAsync(cancellationToken);
        var stored = read is null ? null : await codec.DecodeAsync(read.Content, store.Location, cancellationToken);
        var opened = await cache.OpenAsync(stored, lockInfo, lockTimeout, options.HearthVersion, cancellationToken);
        var session = new RemoteStateSession(store, remoteLock, lockInfo, codec, options, cache, opened.Session)
        {
            _stored = stored,
            _storedVersion = read?.Version,
            _storedPlain = read is not null && codec.Encryption is not null && !codec.IsEncrypted(read.Content),
            RecoveredFromInterruptedRun = opened.Recovered,
        };
        try
        {
            await session.ReportOpeningAsync(opened, stored, cancellationToken);
        }
        catch
        {
            await opened.Session.CloseWithoutCompactingAsync();
            throw;
        }
        return session;
    }

    private async Task ReportOpeningAsync(RecoveryCacheOpened opened, StateDocument? stored, CancellationToken cancellationToken)
    {
        var storeHolds = stored is null ? "no state" : $"serial {stored.Serial}";
        if (opened.Recovered is { } recovered)
            Report(RemoteStateNoticeKind.RecoveredFromInterruptedRun,
                $"recovered {recovered.Changes} change(s) that a run on this machine recorded but never stored in {_store.Location} " +
                $"(it was interrupted at serial {recovered.RecoveredSerial}; the store holds {storeHolds}): " +
                $"continuing from its state ({recovered.Resources} resource instance(s)); this run stores it");
        if (opened.SetAside is { } setAside)
            await SetAsideAsync(setAside, stored, cancellationToken);
        if (_storedPlain)
            Report(RemoteStateNoticeKind.PlainStateWillBeEncrypted,
                $"the state in {_store.Location} is not encrypted; the next write encrypts it to {_codec.Encryption!.Recipients}");
    }

    public Task RecordAsync(StateChange change, CancellationToken cancellationToken) => _local.RecordAsync(change, cancellationToken);

    public Task RecordCreatingAsync(ResourceInstanceState planned, CancellationToken cancellationToken) =>
        _local.RecordCreatingAsync(planned, cancellationToken);

    /// <summary>Replaces the document and writes it to the store at once.</summary>
    /// <exception cref="StateException">The store write failed; the state was saved to <c>errored.hearth-state</c>.</exception>
    public async Task ReplaceAsync(StateDocument document, CancellationToken cancellationToken)
    {
        await _local.ReplaceAsync(document, cancellationToken);
        await StoreAsync(always: true, cancellationToken);
    }

    /// <summary>Writes the state to the store when it has changed since it was read or last written.</summary>
    /// <exception cref="StateException">The store write failed; the state was saved to <c>errored.hearth-state</c>.</exception>
    public Task FlushAsync(CancellationToken cancellationToken) => StoreAsync(always: false, cancellationToken);

    /// <summary>Stores what is left, then releases the remote lock whatever happened; the cache goes once the store holds it all.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_closed)
            return;
        _closed = true;
        Exception? failure = null;
        try
        {
            await StoreAsync(always: false, CancellationToken.None);
        }
        catch (Exception e)
        {
            failure = e;
        }
        var stored = failure is null && IsStored(Current);
        try
        {
            await _local.CloseWithoutCompactingAsync();
            if (stored)
                _cache.Remove();
        }
        finally
        {
            try
            {
                await _lock.ReleaseAsync(_lockInfo, CancellationToken.None);
            }
            catch (Exception e) when (failure is null)
            {
                failure = new StateException($"the state is stored in {_store.Location}, but its lock could not be released: {e.Message}",
                    $"run `hearth force-unlock {_lockInfo.Id}` once the store answers again", e);
            }
            catch (Exception)
            {
                // The write failure reported below matters more; the lock then needs `hearth force-unlock` too.
            }
            _writeGate.Dispose();
        }
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>
    /// What a killed process leaves: the cache's files and OS locks are closed, nothing is stored, and the remote lock
    /// stays held (tests simulate a crash with it).
    /// </summary>
    internal async ValueTask AbandonAsync()
    {
        _closed = true;
        await _local.CloseWithoutCompactingAsync();
    }

    private void Report(RemoteStateNoticeKind kind, string message)
    {
        var notice = new RemoteStateNotice(kind, message);
        lock (_notices)
            _notices.Add(notice);
        _options.Notify?.Invoke(notice);
    }
}
