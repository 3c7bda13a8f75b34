using Hearth.Core.Diagnostics;
using Hearth.Core.State.Local;

namespace Hearth.Core.State.Remote;

/// <summary>
/// A remote state's local recovery cache: a local state (snapshot + journal, the local backend's own format) that
/// records each change of a run durably on this machine, so the store is written once per run. Beside it,
/// <c>stored.json</c> marks which stored state the run started from, so a later run can tell whether an interrupted
/// run's changes still continue what the store holds.
/// </summary>
internal sealed class RecoveryCache
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public RecoveryCache(string directory)
    {
        Directory = directory;
        Paths = new LocalStatePaths(Path.Combine(directory, "state.json"));
    }

    public string Directory { get; }

    public LocalStatePaths Paths { get; }

    private string MarkPath => Path.Combine(Directory, "stored.json");

    /// <summary>
    /// Locks the cache and opens a local session on it: on what an interrupted run left when that continues
    /// <paramref name="stored"/>, otherwise on <paramref name="stored"/> itself (nothing is written until a change is).
    /// </summary>
    public async Task<RecoveryCacheOpened> OpenAsync(StateDocument? stored, LockInfo lockInfo, TimeSpan lockTimeout, string hearthVersion,
        CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
            System.IO.Directory.CreateDirectory(Directory);
        else
            System.IO.Directory.CreateDirectory(Directory, OwnerOnly);
        var lockFile = await StateLockFile.AcquireAsync(Paths, lockInfo, lockTimeout, cancellationToken);
        try
        {
            var storedMark = StoredStateMark.Of(stored);
            var (snapshot, cached) = await ReadAsync(cancellationToken);
            StateDocument? setAside = null;
            if (snapshot is not null && cached is not null)
            {
                var mark = await StoredStateMark.ReadAsync(MarkPath, cancellationToken)
                    ?? (stored is null || stored.Lineage == cached.Lineage ? storedMark : new StoredStateMark(cached.Lineage, 0));
                if (mark.IsBehind(cached))
                {
                    if (mark == storedMark)
                    {
                        var session = await LocalStateSession.OpenAsync(Paths, snapshot, lockFile, hearthVersion,
                            LocalStateSession.DefaultCompactionThreshold, cancellationToken);
                        return new RecoveryCacheOpened(session, session.Current,
                            new RecoveredRun(stored?.Serial, cached.Serial, cached.Resources.Count, Directory), null);
                    }
                    setAside = cached; // The store moved on since: these changes no longer continue what it holds.
                }
            }
            Discard();
            await storedMark.WriteAsync(MarkPath, cancellationToken);
            var start = stored ?? StateDocument.CreateNew();
            return new RecoveryCacheOpened(LocalStateSession.StartFrom(Paths, start, lockFile, hearthVersion, LocalStateSession.DefaultCompactionThreshold),
                start, null, setAside);
        }
        catch
        {
            await lockFile.DisposeAsync();
            throw;
        }
    }

    /// <summary>Notes that the store now holds <paramref name="state"/>: the cache's changes up to it are stored.</summary>
    public Task MarkStoredAsync(StateDocument state, CancellationToken cancellationToken) =>
        StoredStateMark.Of(state).WriteAsync(MarkPath, cancellationToken);

    /// <summary>Removes the cache once the store holds everything in it (the caller has closed the session on it).</summary>
    public void Remove()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Harmless: a cache the store has caught up with is discarded by the next run.
        }
    }

    private void Discard()
    {
        foreach (var path in new[] { Paths.Snapshot, Paths.Journal, Paths.Backup })
            File.Delete(path);
    }

    private async Task<(StateDocument? Snapshot, StateDocument? Cached)> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = await LocalStateBackend.ReadSnapshotAsync(Paths, cancellationToken);
            if (snapshot is null || !File.Exists(Paths.Journal))
                return (snapshot, snapshot);
            return (snapshot, StateJournal.Replay(snapshot, await File.ReadAllBytesAsync(Paths.Journal, cancellationToken), Paths.Journal, out _));
        }
        catch (StateException e)
        {
            throw new StateException($"the recovery cache {Directory} cannot be read: {e.Message}",
                $"it holds what an interrupted run recorded but never stored; move {Directory} aside to start from the stored state (those changes are then lost: run `hearth plan` to see what differs)", e);
        }
    }
}
