using Hearth.Core.Addressing;
using Hearth.Core.State;
using Hearth.Core.State.Local;
using Hearth.Core.Values;

namespace Hearth.Core.Tests.State;

public sealed class CompactionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hearth-compaction-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ResourceInstanceState Instance(string address) =>
        new(ResourceAddress.Parse(address), new MapValue(new ValueMap([KeyValuePair.Create("v", Value.String(address))])), []);

    [Fact]
    public async Task A_creation_in_flight_survives_a_compaction_on_the_way()
    {
        var backend = new LocalStateBackend(Path.Combine(_directory, "state.json"), "test", compactionThreshold: 4096);
        var session = await backend.OpenAsync(LockInfo.ForCurrentProcess("apply", "t", "t"), TimeSpan.Zero, CancellationToken.None);
        await session.RecordCreatingAsync(Instance("exec.inflight"), CancellationToken.None);

        for (var i = 0; i < 5000; i++)
            await session.RecordAsync(new StateChange.PutResource(Instance($"data.r{i}")), CancellationToken.None);

        // As a crash would leave it: the session never closes.
        var state = (await backend.ReadAsync(CancellationToken.None))!;
        Assert.True(state.Find(ResourceAddress.Parse("exec.inflight"))?.Tainted);
        Assert.Equal(5001, state.Resources.Count);
        await session.DisposeAsync();
    }

    [Fact]
    public async Task A_creation_that_failed_cleanly_is_not_replayed_as_tainted()
    {
        var backend = new LocalStateBackend(Path.Combine(_directory, "state.json"), "test", compactionThreshold: 4096);
        await using (var session = await backend.OpenAsync(LockInfo.ForCurrentProcess("apply", "t", "t"), TimeSpan.Zero, CancellationToken.None))
        {
            await session.RecordAsync(new StateChange.PutResource(Instance("data.a")), CancellationToken.None);
            await session.RecordCreatingAsync(Instance("exec.failed"), CancellationToken.None);
            await session.RecordAsync(new StateChange.RemoveResource(ResourceAddress.Parse("exec.failed")), CancellationToken.None);
        }

        var state = (await backend.ReadAsync(CancellationToken.None))!;
        Assert.Null(state.Find(ResourceAddress.Parse("exec.failed")));
    }
}
