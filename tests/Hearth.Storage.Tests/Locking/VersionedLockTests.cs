using System.Text;
using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Storage.Locking;

namespace Hearth.Storage.Tests.Locking;

public sealed class VersionedLockTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    private static CancellationToken Token => CancellationToken.None;

    private static LockInfo Holder() => LockInfo.ForCurrentProcess("apply", "memory", "test");

    [Fact]
    public async Task An_earlier_upload_that_surfaces_late_steps_back_so_two_runs_never_hold_the_lock_at_once()
    {
        var versions = new InMemoryObjectVersions();
        var slow = Holder();
        var fast = Holder();
        var slowUploads = 0;
        versions.UploadDelay = content =>
            Encoding.UTF8.GetString(content).Contains(slow.Id, StringComparison.Ordinal) && Interlocked.Increment(ref slowUploads) == 1
                ? Settle * 3
                : TimeSpan.Zero;

        // The slow run's upload takes its place first; the fast run lists and uploads while it is still in flight.
        var slowAttempt = new VersionedLock(versions, "memory", Settle).TryAcquireAsync(slow, Token);
        await Task.Delay(Settle / 4);
        var fastSeen = await new VersionedLock(versions, "memory", Settle).TryAcquireAsync(fast, Token);
        var slowSeen = await slowAttempt;

        Assert.Null(fastSeen);
        Assert.Equal(fast, slowSeen);
        Assert.Equal(1, versions.LiveCount);
    }

    [Fact]
    public async Task A_killed_holder_keeps_the_lock_until_force_unlock_removes_its_version()
    {
        var versions = new InMemoryObjectVersions();
        var killed = Holder();
        Assert.Null(await new VersionedLock(versions, "memory", Settle).TryAcquireAsync(killed, Token));

        var next = new VersionedLock(versions, "memory", Settle);
        Assert.Equal(killed, await next.TryAcquireAsync(Holder(), Token));
        await next.ForceReleaseAsync(killed.Id, Token);

        Assert.Null(await next.TryAcquireAsync(Holder(), Token));
    }

    [Fact]
    public async Task A_version_left_by_a_contender_killed_before_deleting_it_is_reported_once_the_holder_releases_and_force_unlock_clears_it()
    {
        var versions = new InMemoryObjectVersions();
        var holder = Holder();
        var killed = Holder();
        var lockOfHolder = new VersionedLock(versions, "memory", Settle);
        Assert.Null(await lockOfHolder.TryAcquireAsync(holder, Token));
        await versions.PutAsync(LockInfoJson.ToBytes(killed), Token);

        await lockOfHolder.ReleaseAsync(holder, Token);

        var other = new VersionedLock(versions, "memory", Settle);
        Assert.Equal(killed, await other.GetHolderAsync(Token));
        await other.ForceReleaseAsync(killed.Id, Token);
        Assert.Null(await other.GetHolderAsync(Token));
        Assert.Equal(0, versions.LiveCount);
    }

    [Fact]
    public async Task An_unreadable_lock_version_is_a_lock_named_by_its_version_id_that_force_unlock_takes()
    {
        var versions = new InMemoryObjectVersions();
        var versionId = await versions.PutAsync("not lock info"u8.ToArray(), Token);
        var versionedLock = new VersionedLock(versions, "memory", Settle);

        var seen = await versionedLock.TryAcquireAsync(Holder(), Token);

        Assert.Equal(versionId, seen!.Id);
        await versionedLock.ForceReleaseAsync(versionId, Token);
        Assert.Null(await versionedLock.TryAcquireAsync(Holder(), Token));
    }

    [Fact]
    public async Task A_run_cancelled_while_it_settles_leaves_no_version_behind()
    {
        var versions = new InMemoryObjectVersions();
        var versionedLock = new VersionedLock(versions, "memory", TimeSpan.FromSeconds(5));
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => versionedLock.TryAcquireAsync(Holder(), stop.Token));

        Assert.Equal(0, versions.LiveCount);
    }

    [Fact]
    public async Task Uploads_that_always_outlast_the_settle_delay_fail_with_what_to_do()
    {
        var versions = new InMemoryObjectVersions { UploadDelay = _ => TimeSpan.FromMilliseconds(30) };
        var versionedLock = new VersionedLock(versions, "memory", TimeSpan.FromMilliseconds(10));

        var failed = await Assert.ThrowsAsync<StateException>(() => versionedLock.TryAcquireAsync(Holder(), Token));

        Assert.Contains("too slowly", failed.Message, StringComparison.Ordinal);
        Assert.Equal(0, versions.LiveCount);
    }
}
