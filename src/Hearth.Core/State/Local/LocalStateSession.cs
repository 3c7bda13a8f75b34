namespace Hearth.Core.State.Local;

/// <summary>
/// A locked local state. Changes recorded from many threads are appended to the journal by one writer in
/// batches that share one fsync (group commit); each caller returns only once its line is on disk.
/// </summary>
internal sealed class LocalStateSession : IStateSession
{
    /// <summary>
    /// By default the journal is folded into the snapshot mid-run only past this many records (and once it outweighs
    /// the snapshot): rewriting the snapshot during a run costs as much as the run's own writes, and replaying a
    /// journal of this size after a crash takes well under a second.
    /// </summary>
    public const int DefaultCompactionThreshold = 65_536;

    private readonly int _compactionThreshold;

    private readonly LocalStatePaths _paths;
    private readonly StateLockFile _lock;
    private readonly string _hearthVersion;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _diskGate = new(1, 1);

    /// <summary>Journal lines are built under <see cref="_gate"/>, one at a time.</summary>
    private readonly JsonLineBuffer _lines = new();

    private StateDocument _current;
    private List<JournalLine> _pending = [];

    /// <summary>Creations recorded on disk and not yet settled: a compaction must carry them into the new journal.</summary>
    private readonly Dictionary<Addressing.ResourceAddress, byte[]> _openCreations = [];
    private Exception? _failure;
    private long _snapshotSerial = -1;
    private TaskCompletionSource _pendingWritten = NewCompletion();
    private Task _writer = Task.CompletedTask;
    private bool _writing;
    private FileStream? _journal;
    private StateDocument _written;
    private int _journalRecords;
    private long _journalBytes;
    private long _snapshotBytes;
    private bool _snapshotExists;

    private LocalStateSession(LocalStatePaths paths, StateDocument state, bool snapshotExists, StateLockFile lockFile, string hearthVersion, int compactionThreshold)
    {
        _compactionThreshold = compactionThreshold;
        _paths = paths;
        _current = state;
        _written = state;
        _snapshotExists = snapshotExists;
        _lock = lockFile;
        _hearthVersion = hearthVersion;
    }

    public StateDocument Current
    {
        get
        {
            lock (_gate)
                return _current;
        }
    }

    public static async Task<LocalStateSession> OpenAsync(LocalStatePaths paths, StateDocument? snapshot, StateLockFile lockFile,
        string hearthVersion, int compactionThreshold, CancellationToken cancellationToken)
    {
        var state = snapshot ?? StateDocument.CreateNew();
        var records = 0;
        if (snapshot is not null && File.Exists(paths.Journal))
            state = StateJournal.Replay(snapshot, await File.ReadAllBytesAsync(paths.Journal, cancellationToken), paths.Journal, out records);
        var session = new LocalStateSession(paths, state, snapshot is not null, lockFile, hearthVersion, compactionThreshold);
        if (records > 0)
            await session.CompactAsync(state, cancellationToken); // Start each run from a clean snapshot.
        else if (snapshot is not null)
        {
            session._snapshotBytes = new FileInfo(paths.Snapshot).Length;
            session._snapshotSerial = snapshot.Serial;
        }
        return session;
    }

    /// <summary>
    /// A session that starts from <paramref name="state"/> with nothing on disk yet: the first recorded change writes
    /// it as the snapshot, so a run that records nothing writes nothing (a remote backend's recovery cache). Any
    /// earlier snapshot or journal at <paramref name="paths"/> must be gone.
    /// </summary>
    internal static LocalStateSession StartFrom(LocalStatePaths paths, StateDocument state, StateLockFile lockFile, string hearthVersion,
        int compactionThreshold) =>
        new(paths, state, snapshotExists: false, lockFile, hearthVersion, compactionThreshold);

    public Task RecordAsync(StateChange change, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _current = _current.With(change) with { Serial = _current.Serial + 1 };
            var settles = change switch
            {
                StateChange.PutResource put => put.Instance.Address,
                StateChange.RemoveResource remove => remove.Address,
                _ => null,
            };
            return Enqueue(new JournalLine(StateJournal.Record(_current.Serial, change, _lines), null, settles));
        }
    }

    public Task RecordCreatingAsync(ResourceInstanceState planned, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Enqueue(new JournalLine(StateJournal.Creating(planned, _lines), planned.Address, null));
    }

    /// <summary>Queues a journal line (under <see cref="_gate"/>) and returns a task that completes once it is on disk.</summary>
    private Task Enqueue(JournalLine line)
    {
        if (_failure is not null)
            return Task.FromException(new Diagnostics.StateException($"the state journal could not be written earlier in this run: {_failure.Message}",
                "nothing more is recorded; fix the cause (disk full?) and run apply again: the state holds everything recorded before", _failure));
        _pending.Add(line);
        var written = _pendingWritten.Task;
        if (!_writing)
        {
            _writing = true;
            _writer = Task.Run(WriteLoopAsync);
        }
        return written;
    }

    private async Task WriteLoopAsync()
    {
        while (true)
        {
            List<JournalLine> batch;
            TaskCompletionSource batchWritten;
            StateDocument stateAfterBatch;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _writing = false;
                    return;
                }
                (batch, _pending) = (_pending, []);
                (batchWritten, _pendingWritten) = (_pendingWritten, NewCompletion());
                stateAfterBatch = _current;
            }
            try
            {
                await _diskGate.WaitAsync();
                try
                {
                    await AppendAsync(batch);
                    _written = stateAfterBatch;
                    if (_journalRecords >= _compactionThreshold && _journalBytes > _snapshotBytes)
                        await CompactAsync(stateAfterBatch, CancellationToken.None);
                }
                finally
                {
                    _diskGate.Release();
                }
                batchWritten.SetResult();
            }
            catch (Exception e)
            {
                lock (_gate)
                    _failure ??= e;
                batchWritten.SetException(e);
            }
        }
    }

    private async Task AppendAsync(List<JournalLine> lines)
    {
        if (_journal is null)
        {
            if (!_snapshotExists)
                await CompactAsync(_written, CancellationToken.None); // The journal needs a snapshot to continue.
            _journal ??= await StartJournalAsync(_written);
        }
        var goodLength = _journal.Length;
        try
        {
            foreach (var line in lines)
            {
                await _journal.WriteAsync(line.Bytes);
                _journalBytes += line.Bytes.Length;
            }
            _journal.Flush(flushToDisk: true);
        }
        catch (IOException)
        {
            // Leave no torn line in the middle of the journal for later records to follow.
            _journal.SetLength(goodLength);
            throw;
        }
        _journalRecords += lines.Count;
        foreach (var line in lines)
        {
            if (line.Creating is { } creating)
                _openCreations[creating] = line.Bytes;
            if (line.Settles is { } settled)
                _openCreations.Remove(settled);
        }
    }

    private async Task<FileStream> StartJournalAsync(StateDocument baseState)
    {
        await AtomicFile.WriteAsync(_paths.Journal, StateJournal.Header(baseState), CancellationToken.None,
            UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _journalRecords = 0;
        _journalBytes = 0;
        return new FileStream(_paths.Journal, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    /// <summary>Writes <paramref name="state"/> as the snapshot and starts an empty journal after it.</summary>
    private async Task CompactAsync(StateDocument state, CancellationToken cancellationToken)
    {
        if (_snapshotExists && state.Serial == _snapshotSerial && _openCreations.Count == 0)
        {
            // Nothing settled since the snapshot (say, every creation failed cleanly): the snapshot is already right.
            await DropJournalAsync();
            return;
        }
        var content = StateSerializer.ToBytes(state, _hearthVersion);
        await AtomicFile.WriteAsync(_paths.Snapshot, content, cancellationToken,
            UnixFileMode.UserRead | UnixFileMode.UserWrite, backupPath: _snapshotExists ? _paths.Backup : null);
        _snapshotExists = true;
        _snapshotSerial = state.Serial;
        _snapshotBytes = content.Length;
        _written = state;
        await DropJournalAsync();
        if (_openCreations.Count > 0)
        {
            // Creations still in flight must survive the compaction, or a crash now would forget their objects.
            _journal = await StartJournalAsync(state);
            foreach (var line in _openCreations.Values)
                await _journal.WriteAsync(line, CancellationToken.None);
            _journal.Flush(flushToDisk: true);
        }
    }

    private async Task DropJournalAsync()
    {
        if (_journal is not null)
        {
            await _journal.DisposeAsync();
            _journal = null;
        }
        if (File.Exists(_paths.Journal))
            File.Delete(_paths.Journal);
        _journalRecords = 0;
        _journalBytes = 0;
    }

    public async Task ReplaceAsync(StateDocument document, CancellationToken cancellationToken)
    {
        await DrainAsync();
        await _diskGate.WaitAsync(cancellationToken);
        try
        {
            lock (_gate)
                _current = document;
            await CompactAsync(document, cancellationToken);
        }
        finally
        {
            _diskGate.Release();
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await DrainAsync();
        await _diskGate.WaitAsync(cancellationToken);
        try
        {
            if (_journal is not null)
                await CompactAsync(Current, cancellationToken);
        }
        finally
        {
            _diskGate.Release();
        }
    }

    private async Task DrainAsync()
    {
        Task writer;
        lock (_gate)
            writer = _writer;
        await writer;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await FlushAsync(CancellationToken.None);
        }
        finally
        {
            if (_journal is not null)
                await _journal.DisposeAsync();
            await _lock.DisposeAsync();
            _diskGate.Dispose();
        }
    }

    /// <summary>
    /// Closes the journal and releases the lock without folding the journal into the snapshot: every recorded change
    /// is already on disk. A remote backend closes its recovery cache this way before removing it, and it leaves what
    /// a killed process leaves.
    /// </summary>
    internal async ValueTask CloseWithoutCompactingAsync()
    {
        await DrainAsync();
        await _diskGate.WaitAsync();
        try
        {
            if (_journal is not null)
            {
                await _journal.DisposeAsync();
                _journal = null;
            }
        }
        finally
        {
            _diskGate.Release();
            await _lock.DisposeAsync();
        }
        _diskGate.Dispose();
    }

    private static TaskCompletionSource NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>One journal line, and which instance's creation it opens or settles.</summary>
    private sealed record JournalLine(byte[] Bytes, Addressing.ResourceAddress? Creating, Addressing.ResourceAddress? Settles);
}
