using Hearth.Storage.Locking;
using Hearth.Core.State;
using Hearth.Testing.B2;

namespace Hearth.Storage.Tests.B2;

/// <summary>The lock protocol over B2's versions, on what only B2 does: hide markers over the lock file.</summary>
public sealed class B2LockTests : IDisposable
{
    private const string Bucket = "hearth-state";

    private readonly FakeB2 _fake = new();

    public B2LockTests() => _fake.AddBucket(Bucket);

    private static CancellationToken Token => CancellationToken.None;

    [Fact]
    public async Task A_stray_hide_of_the_lock_file_does_not_end_a_held_lock()
    {
        using var holderStore = B2TestConnections.Store(_fake, Bucket, "home/state.json");
        using var otherStore = B2TestConnections.Store(_fake, Bucket, "home/state.json");
        var holder = LockInfo.ForCurrentProcess("apply", "b2", "test");
        Assert.Null(await new VersionedLock(holderStore.LockVersions, holderStore.Location, TimeSpan.FromMilliseconds(50)).TryAcquireAsync(holder, Token));
        using var client = B2TestConnections.Client(_fake);
        await client.HideFileAsync(_fake.Buckets().Single().BucketId, "home/state.json.lock", Token);

        var seen = await new VersionedLock(otherStore.LockVersions, otherStore.Location, TimeSpan.FromMilliseconds(50)).TryAcquireAsync(LockInfo.ForCurrentProcess("plan", "b2", "test"), Token);

        Assert.Equal(holder, seen);
    }

    [Fact]
    public async Task A_loser_leaves_no_version_behind()
    {
        using var holderStore = B2TestConnections.Store(_fake, Bucket, "home/state.json");
        using var loserStore = B2TestConnections.Store(_fake, Bucket, "home/state.json");
        var holder = LockInfo.ForCurrentProcess("apply", "b2", "test");
        await new VersionedLock(holderStore.LockVersions, holderStore.Location, TimeSpan.FromMilliseconds(50)).TryAcquireAsync(holder, Token);

        await new VersionedLock(loserStore.LockVersions, loserStore.Location, TimeSpan.FromMilliseconds(50)).TryAcquireAsync(LockInfo.ForCurrentProcess("plan", "b2", "test"), Token);

        var left = Assert.Single(_fake.Versions(Bucket));
        Assert.Equal(holder.Id, LockInfoJson.Read(_fake.Content(left.FileId))!.Id);
    }

    public void Dispose() => _fake.Dispose();
}
