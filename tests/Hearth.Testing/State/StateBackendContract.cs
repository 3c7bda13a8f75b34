using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Core.Values;

namespace Hearth.Testing.State;

/// <summary>
/// What every state backend does, local or remote: a backend's test class derives from this and says how to reach a
/// fresh, empty location; each call of the returned factory is another run's backend on that same location.
/// </summary>
public abstract class StateBackendContract
{
    /// <summary>A fresh location no other test uses, and how to open another run's backend on it.</summary>
    protected abstract Func<IStateBackend> NewLocation();

    private static CancellationToken Token => CancellationToken.None;

    private static LockInfo Lock(string operation = "apply") => LockInfo.ForCurrentProcess(operation, "contract", "test");

    private static StateChange Put(string address, string value) => new StateChange.PutResource(new ResourceInstanceState(
        ResourceAddress.Parse(address), new MapValue(new ValueMap([KeyValuePair.Create("value", Value.String(value))])), []));

    [Fact]
    public async Task An_empty_location_reads_as_no_state_and_is_unlocked()
    {
        var backend = NewLocation()();

        Assert.Null(await backend.ReadAsync(Token));
        Assert.Null(await backend.GetLockAsync(Token));
    }

    [Fact]
    public async Task What_a_session_records_another_run_reads_with_one_serial_per_change()
    {
        var open = NewLocation();
        await using (var session = await open().OpenAsync(Lock(), TimeSpan.Zero, Token))
        {
            await session.RecordAsync(Put("data.a", "one"), Token);
            await session.RecordAsync(Put("data.b", "two"), Token);
            await session.RecordAsync(new StateChange.RemoveResource(ResourceAddress.Parse("data.a")), Token);
        }

        var state = await open().ReadAsync(Token);

        Assert.Equal(["data.b"], state!.Resources.Keys.Select(k => k.ToString()));
        Assert.Equal(3, state.Serial);
    }

    [Fact]
    public async Task A_later_session_continues_the_same_lineage()
    {
        var open = NewLocation();
        Guid lineage;
        await using (var first = await open().OpenAsync(Lock(), TimeSpan.Zero, Token))
        {
            await first.RecordAsync(Put("data.a", "one"), Token);
            lineage = first.Current.Lineage;
        }

        await using (var second = await open().OpenAsync(Lock(), TimeSpan.Zero, Token))
        {
            Assert.Equal(lineage, second.Current.Lineage);
            await second.RecordAsync(Put("data.b", "two"), Token);
        }

        var state = await open().ReadAsync(Token);
        Assert.Equal(lineage, state!.Lineage);
        Assert.Equal(2, state.Serial);
    }

    [Fact]
    public async Task While_a_session_is_open_another_run_is_refused_naming_the_holder()
    {
        var open = NewLocation();
        var holder = Lock("apply");
        await using (await open().OpenAsync(holder, TimeSpan.Zero, Token))
        {
            var refused = await Assert.ThrowsAsync<StateLockedException>(() => open().OpenAsync(Lock("plan"), TimeSpan.Zero, Token));
            Assert.Equal(holder.Id, refused.Holder.Id);
            Assert.Equal(holder.Id, (await open().GetLockAsync(Token))!.Id);
        }

        Assert.Null(await open().GetLockAsync(Token));
        await using (await open().OpenAsync(Lock(), TimeSpan.Zero, Token))
        {
        }
    }

    [Fact]
    public async Task Replace_stores_the_whole_document()
    {
        var open = NewLocation();
        await using (var session = await open().OpenAsync(Lock(), TimeSpan.Zero, Token))
        {
            await session.RecordAsync(Put("data.a", "one"), Token);
            await session.RecordAsync(Put("data.b", "two"), Token);
            var (smaller, _) = StateEditor.Remove(session.Current, [ResourceAddress.Parse("data.a")]);
            await session.ReplaceAsync(smaller, Token);
            Assert.Equal(["data.b"], (await open().ReadAsync(Token))!.Resources.Keys.Select(k => k.ToString()));
        }

        Assert.Equal(["data.b"], (await open().ReadAsync(Token))!.Resources.Keys.Select(k => k.ToString()));
    }

    [Fact]
    public async Task Many_concurrent_records_all_land_with_consecutive_serials()
    {
        var open = NewLocation();
        await using (var session = await open().OpenAsync(Lock(), TimeSpan.Zero, Token))
            await Task.WhenAll(Enumerable.Range(0, 200).Select(i => session.RecordAsync(Put($"data.r{i}", $"v{i}"), Token)));

        var state = await open().ReadAsync(Token);

        Assert.Equal(200, state!.Resources.Count);
        Assert.Equal(200, state.Serial);
    }
}
