using Hearth.Core.Diagnostics;

namespace Hearth.Core.State.Local;

/// <summary>
/// State in a local file: a snapshot (<c>state.json</c>) plus an append-only journal beside it. Each change
/// is one fsync'd journal line, so an apply costs one small write per resource instead of rewriting the whole
/// document; the journal is folded into the snapshot atomically at the end of a run or when it grows.
/// </summary>
/// <param name="compactionThreshold">Journal records before a mid-run compaction (tests lower it).</param>
public sealed class LocalStateBackend(string snapshotPath, string hearthVersion, int compactionThreshold = LocalStateSession.DefaultCompactionThreshold) : IStateBackend
{
    private readonly LocalStatePaths _paths = new(snapshotPath);

    public string Location => $"local file {_paths.Snapshot}";

    public async Task<StateDocument?> ReadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await ReadSnapshotAsync(_paths, cancellationToken);
        if (snapshot is null)
            return null;
        byte[] journal;
        try
        {
            journal = await File.ReadAllBytesAsync(_paths.Journal, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return snapshot; // No journal, or a run just folded it into the snapshot.
        }
        return StateJournal.Replay(snapshot, journal, _paths.Journal, out _);
    }

    public async Task<IStateSession> OpenAsync(LockInfo lockInfo, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        var lockFile = await StateLockFile.AcquireAsync(_paths, lockInfo, lockTimeout, cancellationToken);
        try
        {
            var snapshot = await ReadSnapshotAsync(_paths, cancellationToken);
            return await LocalStateSession.OpenAsync(_paths, snapshot, lockFile, hearthVersion, compactionThreshold, cancellationToken);
        }
        catch
        {
            await lockFile.DisposeAsync();
            throw;
        }
    }

    public Task<LockInfo?> GetLockAsync(CancellationToken cancellationToken) =>
        Task.FromResult(StateLockFile.CurrentHolder(_paths));

    public Task ForceUnlockAsync(string lockId, CancellationToken cancellationToken)
    {
        StateLockFile.ForceUnlock(_paths, lockId);
        return Task.CompletedTask;
    }

    internal static async Task<StateDocument?> ReadSnapshotAsync(LocalStatePaths paths, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(paths.Snapshot, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (IOException e)
        {
            throw new StateException($"cannot read {paths.Snapshot}: {e.Message}", "check the file's permissions", e);
        }
        return StateSerializer.Read(content, paths.Snapshot);
    }
}
