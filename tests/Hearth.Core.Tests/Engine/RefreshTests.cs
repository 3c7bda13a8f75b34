using System.Collections.Concurrent;
using System.Collections.Immutable;
using Hearth.Core.Addressing;
using Hearth.Core.Planning;
using Hearth.Core.Resources;
using Hearth.Core.Resources.BuiltIn;
using Hearth.Core.Secrets;
using Hearth.Core.State;
using Hearth.Core.Values;
using Hearth.Testing;

namespace Hearth.Core.Tests.Engine;

public sealed class RefreshTests
{
    [Fact]
    public async Task Refresh_only_records_drift_without_changing_any_object()
    {
        using var engine = new EngineHarness("resources:\n  test.a: { value: one }\n");
        await engine.ApplyAsync();
        var id = Assert.Single(engine.Test.Objects).Key;
        engine.Test.Tamper(id, o => o.With("value", Value.String("edited")));

        var (plan, result) = await engine.ApplyAsync(new PlanOptions(PlanMode.RefreshOnly));

        Assert.True(plan.HasChanges);
        Assert.Empty(plan.Actions);
        Assert.True(result.Succeeded);
        Assert.Equal(["create test.a"], engine.Log.Entries);
        var state = await engine.StateAsync();
        Assert.Equal("edited", state.Find(ResourceAddress.Parse("test.a"))!.Attributes.GetString("value"));
    }

    [Fact]
    public async Task A_kind_with_batched_reads_is_refreshed_with_one_call_per_group()
    {
        var zones = new ZoneRecordType();
        var lab = "resources:\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"  record.r{i}: {{ zone: z{i % 3} }}\n"));
        using var temp = new TempLab(lab);
        var registry = new ResourceTypeRegistry([.. BuiltInResourceTypes.Create(), zones]);
        var loaded = temp.Load(registry: registry);
        var state = loaded.Resources.Aggregate(StateDocument.CreateNew(), (s, r) => s.With(new StateChange.PutResource(
            new ResourceInstanceState(r.Address, new MapValue(new ValueMap([KeyValuePair.Create("zone", r.Arguments.Find("zone")!.Value is Expressions.LiteralExpression l ? l.Value : Value.Null)])), []))));

        var plan = await new Planner(registry, new UnavailableSecretResolver()).PlanAsync(loaded, state, new PlanOptions(), CancellationToken.None);

        Assert.False(plan.HasChanges);
        Assert.Equal(["z0", "z1", "z2"], zones.BatchCalls.Order());
        Assert.Equal(0, zones.SingleReads);
    }

    /// <summary>Records read zone by zone, as a DNS provider lists a whole zone at once.</summary>
    private sealed class ZoneRecordType : ResourceType, IBatchedRead
    {
        public ConcurrentBag<string> BatchCalls { get; } = [];

        public int SingleReads;

        public override string Kind => "record";

        public override string Description => "A record in a zone.";

        public override ResourceSchema Schema { get; } = new(ImmutableArray.Create(
            new AttributeSchema("zone", AttributeType.String, AttributeUse.Required, "The zone.")));

        public BatchKey BatchKeyOf(ReadRequest request) => new(request.Prior.GetString("zone")!);

        public Task<IReadOnlyDictionary<ResourceAddress, MapValue?>> ReadBatchAsync(BatchKey key, IReadOnlyList<ReadRequest> requests, CancellationToken cancellationToken)
        {
            BatchCalls.Add(key.Value);
            return Task.FromResult<IReadOnlyDictionary<ResourceAddress, MapValue?>>(requests.ToDictionary(r => r.Address, r => (MapValue?)r.Prior));
        }

        public override Task<MapValue?> ReadAsync(ReadRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref SingleReads);
            return Task.FromResult<MapValue?>(request.Prior);
        }

        public override Task<MapValue> CreateAsync(CreateRequest request, CancellationToken cancellationToken) => Task.FromResult(request.Config);

        public override Task<MapValue> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken) => Task.FromResult(request.Config);

        public override Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
