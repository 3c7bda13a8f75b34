using Hearth.Core.Diagnostics;

namespace Hearth.Core.Tests.State.Remote;

public sealed partial class RemoteStateBackendTests
{
    [Fact]
    public async Task A_second_run_fails_at_once_naming_the_holder_and_how_to_free_a_dead_runs_lock()
    {
        var holder = Lock("apply");
        await using var first = await OpenAsync(Backend(), holder);

        var refused = await Assert.ThrowsAsync<StateLockedException>(() => OpenAsync(OtherMachine()));

        Assert.Equal(holder, refused.Holder);
        Assert.Contains(holder.Who, refused.Message, StringComparison.Ordinal);
        Assert.Contains($"hearth force-unlock {holder.Id}", refused.Hint, StringComparison.Ordinal);
        Assert.Contains("its lock on memory stayed behind", refused.Hint, StringComparison.Ordinal);
        Assert.Contains("--lock-timeout", refused.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_run_waits_for_the_lock_within_its_timeout()
    {
        var first = await OpenAsync(Backend());
        await first.RecordAsync(Put("data.a", "first"), Token);

        var waiting = OpenAsync(OtherMachine(), timeout: TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        await first.DisposeAsync();
        await using var second = await waiting;

        Assert.Equal("first", ValueOf(second.Current, "data.a"));
    }

    [Fact]
    public async Task A_run_that_waits_past_its_timeout_is_refused_naming_the_holder()
    {
        var holder = Lock("apply");
        await using var first = await OpenAsync(Backend(), holder);

        var refused = await Assert.ThrowsAsync<StateLockedException>(() => OpenAsync(OtherMachine(), timeout: TimeSpan.FromMilliseconds(600)));

        Assert.Equal(holder.Id, refused.Holder.Id);
    }

    [Fact]
    public async Task Of_two_runs_racing_for_the_lock_exactly_one_proceeds_and_the_other_names_it()
    {
        for (var round = 0; round < 10; round++)
        {
            var contenders = new[] { (Backend: Backend(), Info: Lock()), (Backend: OtherMachine(), Info: Lock()) };
            var attempts = contenders.Select(c => Task.Run(() => OpenAsync(c.Backend, c.Info))).ToArray();
            await Task.WhenAll(attempts.Select(a => a.ContinueWith(_ => { }, TaskScheduler.Default)));

            var winner = Assert.Single(attempts, a => a.IsCompletedSuccessfully);
            var loser = Assert.Single(attempts, a => a.IsFaulted);
            var refused = Assert.IsType<StateLockedException>(loser.Exception!.InnerException);
            Assert.Equal(contenders[Array.IndexOf(attempts, winner)].Info.Id, refused.Holder.Id);
            await (await winner).DisposeAsync();
        }
        Assert.Null(await _remote.GetHolderAsync(Token));
    }

    [Fact]
    public async Task Get_lock_and_force_unlock_go_to_the_remote_lock()
    {
        var backend = Backend();
        var holder = Lock("apply");
        var session = await OpenAsync(backend, holder);
        await session.AbandonAsync();

        Assert.Equal(holder, await backend.GetLockAsync(Token));
        await Assert.ThrowsAsync<StateException>(() => backend.ForceUnlockAsync("another-id", Token));
        await backend.ForceUnlockAsync(holder.Id, Token);

        Assert.Null(await backend.GetLockAsync(Token));
    }

    [Fact]
    public async Task Closing_a_session_releases_the_lock()
    {
        await using (var session = await OpenAsync(Backend()))
            await session.RecordAsync(Put("data.a", "one"), Token);

        Assert.Null(await _remote.GetHolderAsync(Token));
    }
}
