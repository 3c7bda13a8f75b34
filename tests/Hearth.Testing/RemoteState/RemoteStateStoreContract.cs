using System.Text;
using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Core.State.Remote;

namespace Hearth.Testing.RemoteState;

/// <summary>
/// What every remote state store and lock must do, whatever is behind it. A store's test class derives from
/// this and says how to reach a fresh, empty location; each call of the returned factory is another client
/// (another run) on that same location.
/// </summary>
public abstract class RemoteStateStoreContract
{
    /// <summary>A fresh location no other test uses, and how to open another client on it.</summary>
    protected abstract Task<Func<RemoteStateClient>> NewLocationAsync();

    /// <summary>Whether writes compare-and-swap on the version read (false where the lock alone guards writes).</summary>
    protected virtual bool ComparesAndSwaps => true;

    private static CancellationToken Token => CancellationToken.None;

    private static LockInfo Holder(string operation) => LockInfo.ForCurrentProcess(operation, "contract", "test");

    [Fact]
    public async Task An_empty_location_reads_as_nothing_and_is_unlocked()
    {
        var client = (await NewLocationAsync())();
        Assert.Null(await client.Store.ReadAsync(Token));
        Assert.Null(await client.Lock.GetHolderAsync(Token));
    }

    [Fact]
    public async Task What_one_client_writes_another_reads_with_the_version_the_write_returned()
    {
        var open = await NewLocationAsync();
        var first = await open().Store.WriteAsync("one"u8.ToArray(), null, Token);
        var second = await open().Store.WriteAsync("two"u8.ToArray(), first, Token);
        var read = await open().Store.ReadAsync(Token);
        Assert.NotNull(read);
        Assert.Equal("two", Encoding.UTF8.GetString(read.Content));
        Assert.Equal(second, read.Version);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task A_write_naming_a_stale_version_is_refused_and_changes_nothing()
    {
        if (!ComparesAndSwaps)
            return;
        var open = await NewLocationAsync();
        var store = open().Store;
        var first = await store.WriteAsync("one"u8.ToArray(), null, Token);
        await open().Store.WriteAsync("newer"u8.ToArray(), first, Token);
        await Assert.ThrowsAsync<StateConflictException>(() => store.WriteAsync("stale"u8.ToArray(), first, Token));
        await Assert.ThrowsAsync<StateConflictException>(() => store.WriteAsync("blind"u8.ToArray(), null, Token));
        Assert.Equal("newer", Encoding.UTF8.GetString((await store.ReadAsync(Token))!.Content));
    }

    [Fact]
    public async Task A_second_run_finds_the_lock_held_and_learns_who_holds_it()
    {
        var open = await NewLocationAsync();
        var holder = Holder("apply");
        Assert.Null(await open().Lock.TryAcquireAsync(holder, Token));
        var seen = await open().Lock.TryAcquireAsync(Holder("plan"), Token);
        Assert.Equal(holder, seen);
        Assert.Equal(holder, await open().Lock.GetHolderAsync(Token));
    }

    [Fact]
    public async Task A_released_lock_can_be_taken_again()
    {
        var open = await NewLocationAsync();
        var client = open();
        var first = Holder("apply");
        Assert.Null(await client.Lock.TryAcquireAsync(first, Token));
        await client.Lock.ReleaseAsync(first, Token);
        Assert.Null(await open().Lock.GetHolderAsync(Token));
        Assert.Null(await open().Lock.TryAcquireAsync(Holder("apply"), Token));
    }

    [Fact]
    public async Task Releasing_a_lock_one_no_longer_holds_leaves_the_new_holders_lock()
    {
        var open = await NewLocationAsync();
        var stale = Holder("apply");
        var client = open();
        Assert.Null(await client.Lock.TryAcquireAsync(stale, Token));
        await open().Lock.ForceReleaseAsync(stale.Id, Token);
        var current = Holder("apply");
        Assert.Null(await open().Lock.TryAcquireAsync(current, Token));
        await client.Lock.ReleaseAsync(stale, Token);
        Assert.Equal(current, await open().Lock.GetHolderAsync(Token));
    }

    [Fact]
    public async Task Force_release_needs_the_holders_lock_id()
    {
        var open = await NewLocationAsync();
        await Assert.ThrowsAsync<StateException>(() => open().Lock.ForceReleaseAsync("no-such-lock", Token));
        var holder = Holder("apply");
        Assert.Null(await open().Lock.TryAcquireAsync(holder, Token));
        await Assert.ThrowsAsync<StateException>(() => open().Lock.ForceReleaseAsync("another-id", Token));
        Assert.Equal(holder, await open().Lock.GetHolderAsync(Token));
        await open().Lock.ForceReleaseAsync(holder.Id, Token);
        Assert.Null(await open().Lock.GetHolderAsync(Token));
    }

    [Fact]
    public async Task Of_many_clients_trying_at_once_exactly_one_takes_the_lock()
    {
        var open = await NewLocationAsync();
        for (var round = 0; round < 5; round++)
        {
            var contenders = Enumerable.Range(0, 6).Select(_ => (Client: open(), Info: Holder("apply"))).ToArray();
            var results = await Task.WhenAll(contenders.Select(c => c.Client.Lock.TryAcquireAsync(c.Info, Token)));
            var winners = contenders.Where((_, i) => results[i] is null).ToArray();
            var winner = Assert.Single(winners);
            Assert.All(results.Where(r => r is not null), seen => Assert.Equal(winner.Info.Id, seen!.Id));
            await winner.Client.Lock.ReleaseAsync(winner.Info, Token);
        }
    }
}
