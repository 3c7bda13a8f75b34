using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Core.State.Remote;

namespace Hearth.Core.Tests.State.Remote;

public sealed partial class RemoteStateBackendTests
{
    [Fact]
    public async Task A_write_over_a_state_that_moved_on_behind_the_lock_is_refused_and_the_runs_state_saved()
    {
        var seeded = await SeedAsync();
        var session = await OpenAsync(Backend());
        await session.RecordAsync(Put("data.a", "one"), Token);
        var newer = StateSerializer.ToBytes(seeded with { Serial = seeded.Serial + 5 }, "test");
        _remote.StoreBehindTheLock(newer);

        var refused = await Assert.ThrowsAsync<StateException>(async () => await session.DisposeAsync());

        Assert.Contains("moved on while this run held the lock", refused.Message, StringComparison.Ordinal);
        Assert.Contains("NOT lost", refused.Message, StringComparison.Ordinal);
        Assert.Equal(newer, (await _remote.ReadAsync(Token))!.Content);
        Assert.True(File.Exists(Path.Combine(_lab, RemoteStateBackend.ErroredStateFileName)));
        Assert.Null(await _remote.GetHolderAsync(Token));
    }

    [Fact]
    public async Task A_write_over_a_state_of_another_lineage_is_refused()
    {
        await SeedAsync();
        var session = await OpenAsync(Backend());
        await session.RecordAsync(Put("data.a", "one"), Token);
        var foreign = StateDocument.CreateNew() with { Serial = 1 };
        _remote.StoreBehindTheLock(StateSerializer.ToBytes(foreign, "test"));

        var refused = await Assert.ThrowsAsync<StateException>(async () => await session.DisposeAsync());

        Assert.Contains($"lineage {foreign.Lineage}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(foreign.Lineage, (await Backend().ReadAsync(Token))!.Lineage);
    }

    [Fact]
    public async Task A_state_stored_behind_the_lock_where_there_was_none_is_not_overwritten()
    {
        var session = await OpenAsync(Backend());
        await session.RecordAsync(Put("data.a", "one"), Token);
        _remote.StoreBehindTheLock(StateSerializer.ToBytes(StateDocument.CreateNew(), "test"));

        var refused = await Assert.ThrowsAsync<StateException>(async () => await session.DisposeAsync());

        Assert.Contains("after this run started from none", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_older_state_rewritten_behind_the_lock_may_be_overwritten()
    {
        var seeded = await SeedAsync(2);
        var session = await OpenAsync(Backend());
        await session.RecordAsync(Put("data.a", "one"), Token);
        _remote.StoreBehindTheLock(StateSerializer.ToBytes(seeded with { Serial = seeded.Serial - 1 }, "test"));

        await session.DisposeAsync();

        Assert.Equal(seeded.Serial + 1, (await Backend().ReadAsync(Token))!.Serial);
    }

    [Fact]
    public async Task A_stores_compare_and_swap_conflict_reaches_the_caller_and_the_state_is_saved()
    {
        var seeded = await SeedAsync();
        var interloper = StateSerializer.ToBytes(seeded, "test");
        var session = await OpenAsync(Backend(store: new ConflictingStore(_remote, interloper)));
        await session.RecordAsync(Put("data.a", "one"), Token);

        var refused = await Assert.ThrowsAsync<StateException>(async () => await session.DisposeAsync());

        Assert.IsType<StateConflictException>(refused.InnerException);
        Assert.Contains("changed since this run read it", refused.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_lab, RemoteStateBackend.ErroredStateFileName)));
    }
}
