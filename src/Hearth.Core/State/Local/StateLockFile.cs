using Hearth.Core.Diagnostics;

namespace Hearth.Core.State.Local;

/// <summary>
/// The local lock: an exclusive OS lock (flock) on <c>state.json.lock</c>, with the holder's details in
/// <c>state.json.lock.info</c>. The kernel drops the OS lock when its process dies, so a crashed run never
/// leaves the lab locked; the info file only tells others who is holding it.
/// </summary>
public sealed class StateLockFile : IAsyncDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(200);

    private readonly LocalStatePaths _paths;
    private FileStream? _handle;

    private StateLockFile(LocalStatePaths paths, FileStream handle, LockInfo info)
    {
        _paths = paths;
        _handle = handle;
        Info = info;
    }

    public LockInfo Info { get; }

    /// <exception cref="StateLockedException">Another process holds the lock past <paramref name="timeout"/>.</exception>
    public static async Task<StateLockFile> AcquireAsync(LocalStatePaths paths, LockInfo info, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.Directory);
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var handle = TryLock(paths);
            if (handle is not null)
            {
                try
                {
                    await AtomicFile.WriteAsync(paths.LockInfo, LockInfoJson.ToBytes(info), cancellationToken);
                }
                catch
                {
                    await handle.DisposeAsync(); // Without its details the lock would confuse others; release it.
                    throw;
                }
                return new StateLockFile(paths, handle, info);
            }
            if (DateTimeOffset.UtcNow >= deadline)
            {
                var holder = await HolderAsync(paths, cancellationToken);
                throw new StateLockedException(holder,
                    $"a local lock is held only while its process runs (pid {holder.ProcessId}): wait for it to finish, or retry with --lock-timeout DURATION to wait");
            }
            await Task.Delay(RetryInterval, cancellationToken);
        }
    }

    /// <summary>The holder of the lock, or null when nobody holds it (a left-over info file is stale and ignored).</summary>
    public static LockInfo? CurrentHolder(LocalStatePaths paths)
    {
        if (!File.Exists(paths.LockFile))
            return null;
        using var handle = TryLock(paths);
        return handle is not null ? null : ReadInfo(paths) ?? UnknownHolder(paths);
    }

    /// <exception cref="StateException">The lock ID does not match, or the holder is still running.</exception>
    public static void ForceUnlock(LocalStatePaths paths, string lockId)
    {
        var info = ReadInfo(paths);
        if (info is null || info.Id != lockId)
            throw new StateException(
                info is null ? $"there is no lock with ID {lockId} on {paths.Snapshot}" : $"the lock on {paths.Snapshot} has ID {info.Id}, not {lockId}",
                "check the ID in the error that reported the lock");
        using var handle = TryLock(paths);
        if (handle is null)
            throw new StateException(
                $"lock {lockId} is held by a running process (pid {info.ProcessId}, {info.Who}, {info.Operation})",
                "let that run finish or stop it; a local lock is released by the system as soon as its process ends");
        File.Delete(paths.LockInfo);
    }

    /// <summary>The holder writes its details just after taking the lock; give it a moment before calling it unknown.</summary>
    private static async Task<LockInfo> HolderAsync(LocalStatePaths paths, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (ReadInfo(paths) is { } info)
                return info;
            await Task.Delay(50, cancellationToken);
        }
        return UnknownHolder(paths);
    }

    private static FileStream? TryLock(LocalStatePaths paths)
    {
        try
        {
            // FileShare.None takes an exclusive flock on Unix; it fails at once while another process holds it.
            return new FileStream(paths.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static LockInfo? ReadInfo(LocalStatePaths paths)
    {
        try
        {
            return LockInfoJson.Read(File.ReadAllBytes(paths.LockInfo));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static LockInfo UnknownHolder(LocalStatePaths paths) =>
        new("unknown", "unknown", "another process", DateTimeOffset.UtcNow, paths.Snapshot, "", 0);

    public ValueTask DisposeAsync()
    {
        if (_handle is null)
            return ValueTask.CompletedTask;
        // The info file goes first: once the OS lock is released another run may write its own.
        try
        {
            File.Delete(_paths.LockInfo);
        }
        catch (IOException)
        {
            // A stale info file is ignored by readers; the OS lock below is what matters.
        }
        _handle.Dispose();
        _handle = null;
        return ValueTask.CompletedTask;
    }
}
