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
}
