using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;
using Hearth.Core.State;
using Hearth.Core.State.Local;
using Hearth.Core.Values;

namespace Hearth.Core.Tests.State;

public sealed class LocalStateBackendTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hearth-state-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly LocalStateBackend _backend;
    private readonly LocalStatePaths _paths;

    public LocalStateBackendTests()
    {
        _paths = new LocalStatePaths(Path.Combine(_directory, "state.json"));
        _backend = new LocalStateBackend(_paths.Snapshot, "test", compactionThreshold: 4096);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static LockInfo Lock(string operation = "apply") => LockInfo.ForCurrentProcess(operation, "test", "test");

    private static StateChange Put(string address, string value) => new StateChange.PutResource(new ResourceInstanceState(
        ResourceAddress.Parse(address), new MapValue(new ValueMap([KeyValuePair.Create("value", Value.String(value))])), []));

    [Fact]
    public async Task A_recorded_change_is_on_disk_before_the_session_ends()
    {
        await using var session = await _backend.OpenAsync(Lock(), TimeSpan.Zero, CancellationToken.None);

        await session.RecordAsync(Put("data.a", "one"), CancellationToken.None);

        var seenByAnotherReader = await _backend.ReadAsync(CancellationToken.None);
        Assert.Equal("one", seenByAnotherReader!.Find(ResourceAddress.Parse("data.a"))!.Attributes.Get("value")!.ToText());
        Assert.True(File.Exists(_paths.Journal));
    }

    [Fact]
    public async Task Closing_the_session_folds_the_journal_into_the_snapshot()
    {
        await using (var session = await _backend.OpenAsync(Lock(), TimeSpan.Zero, CancellationToken.None))
        {
            await session.RecordAsync(Put("data.a", "one"), CancellationToken.None);
            await session.RecordAsync(Put("data.b", "two"), CancellationToken.None);
            await session.RecordAsync(new StateChange.RemoveResource(ResourceAddress.Parse("data.a")), CancellationToken.None);
        }

        Assert.False(File.Exists(_paths.Journal));
        var state = StateSerializer.Read(await File.ReadAllBytesAsync(_paths.Snapshot), "test");
        Assert.Equal(["data.b"], state.Resources.Keys.Select(k => k.ToString()));
        Assert.Equal(3, state.Serial);
    }

    [Fact]
    public async Task A_torn_last_journal_line_is_ignored()
    {
        await using (var session = await _backend.OpenAsync(Lock(), TimeSpan.Zero, CancellationToken.None))
            await session.RecordAsync(Put("data.a", "one"), CancellationToken.None);
        await using (var session = await _backend.OpenAsync(Lock(), TimeSpan.Zero, CancellationToken.None))
            await session.RecordAsync(Put("data.b", "two"), CancellationToken.None);
        // Simulate a crash after the last record: the journal survives, and a half-written line follows it.
        var snapshotAfterFirstRun = StateSerializer.Read(await File.ReadAllBytesAsync(_paths.Snapshot), "test");
        var journal = StateJournal.Header(snapshotAfterFirstRun with { Serial = 1 });
        await File.WriteAllBytesAsync(_paths.Snapshot, StateSerializer.ToBytes(snapshotAfterFirstRun with
        {
            Serial = 1,
            Resources = snapshotAfterFirstRun.Resources.Remove(ResourceAddress.Parse("data.b")),
        }, "test"));
        var record = StateJournal.Record(2, Put("data.b", "two"));
        await File.WriteAllBytesAsync(_paths.Journal, [.. journal, .. record, .. "{\"serial\":3,\"put\":{\"addr"u8.ToArray()]);

        var state = await _backend.ReadAsync(CancellationToken.None);

        Assert.Equal(["data.a", "data.b"], state!.Resources.Keys.Select(k => k.ToString()));
        Assert.Equal(2, state.Serial);
    }

    [Fact]
    public async Task A_creation_that_never_completed_replays_as_a_tainted_instance()
    {
        var planned = new ResourceInstanceState(ResourceAddress.Parse("file.a"),
            new MapValue(new ValueMap([KeyValuePair.Create("path", Value.String("a.txt"))])), []);
        await using (var session = await _backend.OpenAsync(Lock(), TimeSpan.Zero, CancellationToken.None))
            await session.RecordAsync(Put("data.x", "x"), CancellationToken.None);
        var snapshot = StateSerializer.Read(await File.ReadAllBytesAsync(_paths.Snapshot), "test");
        await File.WriteAllBytesAsync(_paths.Journal, [.. StateJournal.Header(snapshot), .. StateJournal.Creating(planned)]);

        var state = await _backend.ReadAsync(CancellationToken.None);

        var instance = state!.Find(planned.Address);
        Assert.NotNull(instance);
        Assert.True(instance.Tainted);
    }

    [Fact]
    public async Task A_replacement_interrupted_during_its_create_replays_as_a_tainted_new_object_and_the_deposed_old_one()
    {
        await using (var session = await _backend.OpenAsync(Lock(), TimeSpan.Zero, CancellationToken.None))
            await session.RecordAsync(Put("test.a", "old"), CancellationToken.None);
        var snapshot = StateSerializer.Read(await File.ReadAllBytesAsync(_paths.Snapshot), "test");
        var address = ResourceAddress.Parse("test.a");
        var planned = new ResourceInstanceState(address, new MapValue(new ValueMap([KeyValuePair.Create("value", Value.String("new"))])), []);
        await File.WriteAllBytesAsync(_paths.Journal,
            [.. StateJournal.Header(snapshot), .. StateJournal.Record(2, new StateChange.Depose(address, "0badf00d")), .. StateJournal.Creating(planned)]);

        var state = (await _backend.ReadAsync(CancellationToken.None))!;

        Assert.True(state.Find(address)!.Tainted);
        Assert.Equal("new", state.Find(address)!.Attributes.GetString("value"));
        var deposed = Assert.Single(state.Deposed);
        Assert.Equal(("0badf00d", "old"), (deposed.Key, deposed.Instance.Attributes.GetString("value")));

        await using (var session = await _backend.OpenAsync(Lock(), TimeSpan.Zero, CancellationToken.None))
            Assert.Equal(state.Deposed.ToArray(), session.Current.Deposed.ToArray()); // Compacted into the snapshot on open.
        Assert.Single(StateSerializer.Read(await File.ReadAllBytesAsync(_paths.Snapshot), "test").Deposed);
    }

    [Fact]
    public async Task A_journal_left_from_before_the_last_compaction_is_not_replayed_twice()
    {
        await using (var session = await _backend.OpenAsync(Lock(), TimeSpan.Zero, CancellationToken.None))
            await session.RecordAsync(Put("data.a", "one"), CancellationToken.None);
        var snapshot = StateSerializer.Read(await File.ReadAllBytesAsync(_paths.Snapshot), "test");
        var stale = StateJournal.Header(snapshot with { Serial = 0 }).Concat(StateJournal.Record(1, Put("data.z", "old"))).ToArray();
        await File.WriteAllBytesAsync(_paths.Journal, stale);

        var state = await _backend.ReadAsync(CancellationToken.None);

        Assert.Equal(["data.a"], state!.Resources.Keys.Select(k => k.ToString()));
    }

    [Fact]
    public async Task A_second_session_fails_at_once_naming_the_holder()
    {
        await using var first = await _backend.OpenAsync(Lock("apply"), TimeSpan.Zero, CancellationToken.None);

        var error = await Assert.ThrowsAsync<StateLockedException>(() => _backend.OpenAsync(Lock("plan"), TimeSpan.Zero, CancellationToken.None));

        Assert.Equal("apply", error.Holder.Operation);
        Assert.Equal(Environment.ProcessId, error.Holder.ProcessId);
        Assert.Contains($"pid {Environment.ProcessId}", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_session_waits_for_the_lock_within_its_timeout()
    {
        var first = await _backend.OpenAsync(Lock(), TimeSpan.Zero, CancellationToken.None);
        var waiting = _backend.OpenAsync(Lock(), TimeSpan.FromSeconds(20), CancellationToken.None);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);

        await first.DisposeAsync();

        await using var second = await waiting;
        Assert.NotNull(second.Current);
    }

    [Fact]
    public async Task Force_unlock_refuses_while_the_holder_is_running_and_clears_a_stale_lock()
    {
        var session = await _backend.OpenAsync(Lock(), TimeSpan.Zero, CancellationToken.None);
        var holder = (await _backend.GetLockAsync(CancellationToken.None))!;

        await Assert.ThrowsAsync<StateException>(() => _backend.ForceUnlockAsync(holder.Id, CancellationToken.None));
        var infoWhileHeld = await File.ReadAllBytesAsync(_paths.LockInfo);
        await session.DisposeAsync();
        await File.WriteAllBytesAsync(_paths.LockInfo, infoWhileHeld); // As a killed process leaves it.

        await _backend.ForceUnlockAsync(holder.Id, CancellationToken.None);

        Assert.False(File.Exists(_paths.LockInfo));
        Assert.Null(await _backend.GetLockAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Many_concurrent_records_all_land_with_consecutive_serials()
    {
        await using (var session = await _backend.OpenAsync(Lock(), TimeSpan.Zero, CancellationToken.None))
            await Task.WhenAll(Enumerable.Range(0, 200).Select(i => session.RecordAsync(Put($"data.r{i}", $"{i}"), CancellationToken.None)));

        var state = (await _backend.ReadAsync(CancellationToken.None))!;
        Assert.Equal(200, state.Resources.Count);
        Assert.Equal(200, state.Serial);
    }

    [Fact]
    public async Task A_long_run_compacts_the_journal_on_the_way_and_loses_nothing()
    {
        await using (var session = await _backend.OpenAsync(Lock(), TimeSpan.Zero, CancellationToken.None))
        {
            for (var i = 0; i < 5000; i++)
                await session.RecordAsync(Put($"data.r{i % 50}", $"{i}"), CancellationToken.None);
            Assert.True(new FileInfo(_paths.Journal).Length < new FileInfo(_paths.Snapshot).Length * 200);
        }

        var state = (await _backend.ReadAsync(CancellationToken.None))!;
        Assert.Equal(50, state.Resources.Count);
        Assert.Equal("4999", state.Find(ResourceAddress.Parse("data.r49"))!.Attributes.Get("value")!.ToText());
        Assert.Equal(5000, state.Serial);
    }

    [Fact]
    public async Task Reading_a_corrupt_state_names_the_file_and_the_backup()
    {
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(_paths.Snapshot, "{ not json");

        var error = await Assert.ThrowsAsync<StateException>(() => _backend.ReadAsync(CancellationToken.None));

        Assert.Contains(_paths.Snapshot, error.Message, StringComparison.Ordinal);
        Assert.Contains(".backup", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_state_file_is_readable_only_by_its_owner()
    {
        await using (var session = await _backend.OpenAsync(Lock(), TimeSpan.Zero, CancellationToken.None))
            await session.RecordAsync(Put("data.a", "one"), CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_paths.Snapshot));
    }
}
