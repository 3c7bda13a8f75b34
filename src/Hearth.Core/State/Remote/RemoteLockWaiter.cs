using Hearth.Core.Diagnostics;

namespace Hearth.Core.State.Remote;

/// <summary>Takes a remote lock, trying again with a growing pause until it is won or the run's lock timeout passes.</summary>
internal static class RemoteLockWaiter
{
    /// <summary>The first pause: a lock held for a short command (plan of a small lab) is often free again by then.</summary>
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest pause: each attempt is a request to the store, so a long wait costs a request every 2 s at most.</summary>
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    /// <exception cref="StateLockedException">Another run still holds the lock after <paramref name="timeout"/>.</exception>
    public static async Task AcquireAsync(IRemoteStateLock remoteLock, LockInfo lockInfo, TimeSpan timeout, string location, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var pause = FirstPause;
        while (true)
        {
            var holder = await remoteLock.TryAcquireAsync(lockInfo, cancellationToken);
            if (holder is null)
                return;
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new StateLockedException(holder,
                    $"wait for that run to finish, or retry with --lock-timeout DURATION to wait for it; if that run is gone (pid {holder.ProcessId} on {holder.Who}) " +
                    $"and its lock on {location} stayed behind, run `hearth force-unlock {holder.Id}`");
            await Task.Delay(pause < left ? pause : left, cancellationToken);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }
}
