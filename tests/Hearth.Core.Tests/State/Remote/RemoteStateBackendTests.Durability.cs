using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Core.State.Remote;
using Hearth.Core.Values;

namespace Hearth.Core.Tests.State.Remote;

public sealed partial class RemoteStateBackendTests
{
    [Fact]
    public async Task A_run_recording_many_changes_writes_the_store_exactly_once()
    {
        var backend = Backend();
        await using (var session = await OpenAsync(backend))
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(i => session.RecordAsync(Put($"data.r{i}", $"v{i}"), Token)));
            Assert.Empty(_remote.Writes);
        }

        Assert.Single(_remote.Writes);
        Assert.Equal(2, _remote.Reads); // The state when the run opened, and again just before its write.
        var stored = await backend.ReadAsync(Token);
        Assert.Equal(50, stored!.Resources.Count);
        Assert.Equal(50, stored.Serial);
        Assert.False(Directory.Exists(backend.CacheDirectory));
    }

    [Fact]
    public async Task A_run_that_changes_nothing_writes_nothing()
    {
        await SeedAsync();
        var writes = _remote.Writes.Count;

        await using (await OpenAsync(Backend(), Lock("plan")))
        {
        }

        Assert.Equal(writes, _remote.Writes.Count);
    }

    [Fact]
    public async Task Flushing_then_closing_writes_once()
    {
        await using (var session = await OpenAsync(Backend()))
        {
            await session.RecordAsync(Put("data.a", "one"), Token);
            await session.FlushAsync(Token);
        }

        Assert.Single(_remote.Writes);
    }

    [Fact]
    public async Task A_recorded_change_is_on_local_disk_before_anything_reaches_the_store()
    {
        var backend = Backend();
        await using var session = await OpenAsync(backend);

        await session.RecordAsync(Put("data.a", "one"), Token);

        Assert.Empty(_remote.Writes);
        var cache = Path.Combine(backend.CacheDirectory, "state.json");
        Assert.Equal("one", ValueOf(await new Hearth.Core.State.Local.LocalStateBackend(cache, "test").ReadAsync(Token) ?? throw new InvalidOperationException(), "data.a"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cache));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(backend.CacheDirectory));
    }

    [Fact]
    public async Task Changes_of_a_run_killed_before_its_final_write_are_recovered_and_stored_by_the_next_run()
    {
        var seeded = await SeedAsync(2);
        var backend = Backend();
        var dead = Lock("apply");
        var killed = await OpenAsync(backend, dead);
        await killed.RecordAsync(Put("data.a", "one"), Token);
        await killed.RecordAsync(Put("data.b", "two"), Token);
        await killed.RecordAsync(new StateChange.RemoveResource(ResourceAddress.Parse("data.seed0")), Token);
        await killed.AbandonAsync();
        var writesBefore = _remote.Writes.Count;

        var stillLocked = await Assert.ThrowsAsync<StateLockedException>(() => OpenAsync(backend));
        Assert.Equal(dead.Id, stillLocked.Holder.Id);
        await backend.ForceUnlockAsync(dead.Id, Token);
        var notices = new List<RemoteStateNotice>();
        await using (var next = await OpenAsync(Backend(notify: notices.Add)))
        {
            var recovered = next.RecoveredFromInterruptedRun;
            Assert.NotNull(recovered);
            Assert.Equal(3, recovered.Changes);
            Assert.Equal(seeded.Serial, recovered.StoredSerial);
            Assert.Equal(["data.a", "data.b", "data.seed1"], next.Current.Resources.Keys.Select(k => k.ToString()));
            var notice = Assert.Single(notices);
            Assert.Equal(RemoteStateNoticeKind.RecoveredFromInterruptedRun, notice.Kind);
            Assert.Contains("recovered 3 change(s)", notice.Message, StringComparison.Ordinal);
        }

        Assert.Equal(writesBefore + 1, _remote.Writes.Count);
        var stored = await backend.ReadAsync(Token);
        Assert.Equal(["data.a", "data.b", "data.seed1"], stored!.Resources.Keys.Select(k => k.ToString()));
        Assert.Equal(seeded.Serial + 3, stored.Serial);
        Assert.Equal(seeded.Lineage, stored.Lineage);
        Assert.False(Directory.Exists(backend.CacheDirectory));
    }

    [Fact]
    public async Task The_first_state_of_a_run_killed_before_it_stored_anything_is_recovered()
    {
        var backend = Backend();
        var killed = await OpenAsync(backend);
        await killed.RecordAsync(Put("data.a", "one"), Token);
        var lineage = killed.Current.Lineage;
        await killed.AbandonAsync();
        await backend.ForceUnlockAsync((await backend.GetLockAsync(Token))!.Id, Token);

        await using (var next = await OpenAsync(backend))
            Assert.Null(next.RecoveredFromInterruptedRun!.StoredSerial);

        var stored = await backend.ReadAsync(Token);
        Assert.Equal(lineage, stored!.Lineage);
        Assert.Equal("one", ValueOf(stored, "data.a"));
    }

    [Fact]
    public async Task A_creation_in_flight_when_the_run_was_killed_is_recovered_as_tainted()
    {
        var backend = Backend();
        var killed = await OpenAsync(backend);
        var planned = new ResourceInstanceState(ResourceAddress.Parse("file.a"),
            new MapValue(new ValueMap([KeyValuePair.Create("path", Value.String("a.txt"))])), []);
        await killed.RecordCreatingAsync(planned, Token);
        await killed.AbandonAsync();
        await backend.ForceUnlockAsync((await backend.GetLockAsync(Token))!.Id, Token);

        await using var next = await OpenAsync(backend);

        Assert.True(next.Current.Find(planned.Address)!.Tainted);
    }

    [Fact]
    public async Task A_recovery_cache_the_store_already_holds_is_dropped_without_a_notice()
    {
        var backend = Backend();
        var killed = await OpenAsync(backend);
        await killed.RecordAsync(Put("data.a", "one"), Token);
        await killed.FlushAsync(Token);
        await killed.AbandonAsync();
        await backend.ForceUnlockAsync((await backend.GetLockAsync(Token))!.Id, Token);

        await using var next = await OpenAsync(backend);

        Assert.Null(next.RecoveredFromInterruptedRun);
        Assert.Empty(next.Notices);
        Assert.Equal(1, next.Current.Serial);
    }

    [Fact]
    public async Task An_interrupted_runs_changes_the_store_has_moved_on_from_are_set_aside_not_applied()
    {
        await SeedAsync();
        var backend = Backend();
        var killed = await OpenAsync(backend);
        await killed.RecordAsync(Put("data.mine", "interrupted"), Token);
        await killed.AbandonAsync();
        await backend.ForceUnlockAsync((await backend.GetLockAsync(Token))!.Id, Token);
        await using (var elsewhere = await OpenAsync(OtherMachine()))
        {
            await elsewhere.RecordAsync(Put("data.theirs", "one"), Token);
            await elsewhere.RecordAsync(Put("data.theirs2", "two"), Token);
        }

        await using var next = await OpenAsync(backend);

        Assert.Null(next.RecoveredFromInterruptedRun);
        Assert.Null(ValueOf(next.Current, "data.mine"));
        Assert.Equal("one", ValueOf(next.Current, "data.theirs"));
        var notice = Assert.Single(next.Notices);
        Assert.Equal(RemoteStateNoticeKind.DiscardedRecoveryCache, notice.Kind);
        var setAside = Path.Combine(_lab, RemoteStateBackend.InterruptedRunFileName);
        Assert.Contains(setAside, notice.Message, StringComparison.Ordinal);
        var saved = await backend.ReadStateFileAsync(await File.ReadAllBytesAsync(setAside), setAside, Token);
        Assert.Equal("interrupted", ValueOf(saved, "data.mine"));
    }
}
