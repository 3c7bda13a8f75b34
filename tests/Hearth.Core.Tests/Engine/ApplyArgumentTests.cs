using System.Collections.Immutable;
using Hearth.Core.Resources;
using Hearth.Core.Values;
using Hearth.Testing;

namespace Hearth.Core.Tests.Engine;

public sealed class ApplyArgumentTests
{
    [Fact]
    public async Task Arguments_known_at_plan_time_are_evaluated_and_checked_once_and_the_rest_when_apply_knows_them()
    {
        using var engine = new EngineHarness("""
            resources:
              test.a: { value: known }
              test.b: { value: "${test.a.id}" }
            """);

        var (_, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded);
        var state = await engine.StateAsync();
        var idOfA = state.Resources.Values.Single(r => r.Address.Name == "a").Attributes.Get("id")!.ToText();
        // test.a is checked by the plan and created from those very arguments; test.b's value is unknown until
        // test.a exists, so it is checked only at apply, with test.a's id.
        Assert.Equal(["known", idOfA], engine.Test.Checked);
        Assert.Equal(idOfA, state.Resources.Values.Single(r => r.Address.Name == "b").Attributes.Get("value")!.ToText());
    }

    [Fact]
    public async Task Arguments_that_refer_to_a_resource_whose_apply_came_out_otherwise_than_planned_are_evaluated_again()
    {
        using var engine = new EngineHarness("""
            resources:
              stamp.a: { input: v1 }
              test.b: { value: "${stamp.a.output}" }
            """, [new StampResourceType()], []);

        var (plan, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded);
        Assert.Equal("v1", plan.Actions.Single(c => c.Address.Kind == "test").After!.Get("value")!.ToText());
        var b = (await engine.StateAsync()).Resources.Values.Single(r => r.Address.Kind == "test");
        Assert.Equal("v1 (stamped)", b.Attributes.Get("value")!.ToText());
    }

    /// <summary>A kind whose plan promises <c>output</c> = <c>input</c>, but whose create returns it stamped.</summary>
    private sealed class StampResourceType : ResourceType
    {
        public override string Kind => "stamp";

        public override string Description => "Plans one output and creates another.";

        public override ResourceSchema Schema { get; } = new(ImmutableArray.Create(
            new AttributeSchema("input", AttributeType.String, AttributeUse.Required, "Copied to output."),
            new AttributeSchema("output", AttributeType.String, AttributeUse.Computed, "The input, stamped at creation.")));

        public override MapValue Plan(PlanRequest request) => request.Config.With("output", request.Config.Get("input")!);

        public override Task<MapValue> CreateAsync(CreateRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(request.Config.With("output", Value.String($"{request.Config.GetString("input")} (stamped)")));

        public override Task<MapValue?> ReadAsync(ReadRequest request, CancellationToken cancellationToken) => Task.FromResult<MapValue?>(request.Prior);

        public override Task<MapValue> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken) => Task.FromResult(request.Config);

        public override Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
