using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Core.State.Remote;

namespace Hearth.Core.Tests.State.Remote;

public sealed partial class RemoteStateBackendTests
{
    [Fact]
    public async Task When_the_final_write_fails_the_state_is_saved_to_errored_hearth_state_and_the_lock_released()
    {
        await SeedAsync();
        var session = await OpenAsync(Backend());
        await session.RecordAsync(Put("data.a", "one"), Token);
        _remote.FailNextWrites();

        var failed = await Assert.ThrowsAsync<StateException>(async () => await session.DisposeAsync());

        var errored = Path.Combine(_lab, RemoteStateBackend.ErroredStateFileName);
        Assert.Contains("connection refused", failed.Message, StringComparison.Ordinal);
        Assert.Contains("NOT lost", failed.Message, StringComparison.Ordinal);
        Assert.Contains(errored, failed.Message, StringComparison.Ordinal);
        Assert.Contains("hearth state push errored.hearth-state", failed.Hint, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(errored));
        Assert.Equal("one", ValueOf(StateSerializer.Read(await File.ReadAllBytesAsync(errored), errored), "data.a"));
        Assert.Null(await _remote.GetHolderAsync(Token));
    }

    [Fact]
    public async Task An_errored_state_pushed_from_another_machine_restores_everything()
    {
        var seeded = await SeedAsync();
        var session = await OpenAsync(Backend());
        await session.RecordAsync(Put("data.a", "one"), Token);
        await session.RecordAsync(Put("data.b", "two"), Token);
        _remote.FailNextWrites();
        await Assert.ThrowsAsync<StateException>(async () => await session.DisposeAsync());
        var errored = Path.Combine(_lab, RemoteStateBackend.ErroredStateFileName);

        var elsewhere = OtherMachine();
        var incoming = await elsewhere.ReadStateFileAsync(await File.ReadAllBytesAsync(errored), errored, Token);
        await using (var push = await OpenAsync(elsewhere, Lock("state push")))
            await push.ReplaceAsync(StateEditor.Push(push.Current, incoming, force: false), Token);

        var stored = await elsewhere.ReadAsync(Token);
        Assert.Equal(["data.a", "data.b", "data.seed0"], stored!.Resources.Keys.Select(k => k.ToString()));
        Assert.Equal(seeded.Lineage, stored.Lineage);
        Assert.True(stored.Serial > seeded.Serial + 2);
    }

    [Fact]
    public async Task After_a_failed_final_write_the_next_run_on_this_machine_stores_the_state_by_itself()
    {
        await SeedAsync();
        var session = await OpenAsync(Backend());
        await session.RecordAsync(Put("data.a", "one"), Token);
        _remote.FailNextWrites();
        await Assert.ThrowsAsync<StateException>(async () => await session.DisposeAsync());

        await using (var next = await OpenAsync(Backend()))
            Assert.Equal(1, next.RecoveredFromInterruptedRun!.Changes);

        Assert.Equal("one", ValueOf((await Backend().ReadAsync(Token))!, "data.a"));
    }

    [Fact]
    public async Task A_failed_replace_saves_the_replacement()
    {
        var seeded = await SeedAsync(3);
        var session = await OpenAsync(Backend(), Lock("state rm"));
        var (smaller, _) = StateEditor.Remove(session.Current, [Hearth.Core.Addressing.ResourceAddress.Parse("data.seed0")]);
        _remote.FailNextWrites();

        await Assert.ThrowsAsync<StateException>(() => session.ReplaceAsync(smaller, Token));

        var errored = Path.Combine(_lab, RemoteStateBackend.ErroredStateFileName);
        Assert.Equal(2, StateSerializer.Read(await File.ReadAllBytesAsync(errored), errored).Resources.Count);
        Assert.Equal(seeded.Serial, (await Backend().ReadAsync(Token))!.Serial);
        await session.DisposeAsync(); // The store answers again: closing stores what the replace could not.
        Assert.Equal(2, (await Backend().ReadAsync(Token))!.Resources.Count);
    }
}
