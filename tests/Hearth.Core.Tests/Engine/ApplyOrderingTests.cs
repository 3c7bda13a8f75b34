using Hearth.Core.Planning;
using Hearth.Testing;

namespace Hearth.Core.Tests.Engine;

public sealed class ApplyOrderingTests
{
    private const string Chain = """
        resources:
          test.a: { value: a }
          test.b: { value: "${test.a.id}" }
          test.c: { value: "${test.b.id}" }
        """;

    [Fact]
    public async Task Apply_creates_dependencies_before_dependents()
    {
        using var engine = new EngineHarness(Chain);

        await engine.ApplyAsync();

        Assert.Equal(["create test.a", "create test.b", "create test.c"], engine.Log.Entries);
    }

    [Fact]
    public async Task Destroy_deletes_dependents_before_dependencies()
    {
        using var engine = new EngineHarness(Chain);
        await engine.ApplyAsync();

        var (_, result) = await engine.ApplyAsync(new PlanOptions(PlanMode.Destroy));

        Assert.True(result.Succeeded);
        Assert.Equal(["delete test.c", "delete test.b", "delete test.a"], engine.Log.Entries.Skip(3));
        Assert.Empty((await engine.StateAsync()).Resources);
        Assert.Empty(engine.Test.Objects);
    }

    [Fact]
    public async Task Apply_runs_no_more_operations_at_once_than_the_parallelism_allows()
    {
        var yaml = "resources:\n" + string.Concat(Enumerable.Range(0, 12).Select(i => $"  test.r{i}: {{ delay_ms: 60 }}\n"));
        using var engine = new EngineHarness(yaml);

        var (_, result) = await engine.ApplyAsync(parallelism: 3);

        Assert.Equal(12, result.Added);
        Assert.Equal(3, engine.Log.PeakConcurrency);
    }

    [Fact]
    public async Task A_failure_skips_its_dependents_while_independent_branches_are_applied()
    {
        using var engine = new EngineHarness("""
            resources:
              test.a: { value: a }
              test.b: { value: "${test.a.id}", fail: true }
              test.c: { value: "${test.b.id}" }
              test.d: { value: d, delay_ms: 50 }
            """);

        var (_, result) = await engine.ApplyAsync();

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("test.b", error.Address);
        Assert.DoesNotContain("create test.c", engine.Log.Entries);
        var state = await engine.StateAsync();
        Assert.Equal(["test.a", "test.d"], state.Resources.Keys.Select(k => k.ToString()));
        Assert.Equal(2, engine.Test.Objects.Count);
        Assert.Contains(engine.Events, e => e is Core.Applying.ApplyEvent.Skipped { Address.Name: "c" });
    }

    [Fact]
    public async Task After_a_failure_the_next_apply_finishes_the_rest_without_recreating_what_exists()
    {
        using var engine = new EngineHarness("""
            resources:
              test.a: { value: a }
              test.b: { value: "${test.a.id}", fail: true }
            """);
        await engine.ApplyAsync();
        engine.Lab.Write("hearth.yaml", """
            resources:
              test.a: { value: a }
              test.b: { value: "${test.a.id}" }
            """);

        var (plan, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded);
        Assert.Equal(["test.b"], plan.Actions.Select(c => c.Address.ToString()));
        Assert.Equal(1, engine.Log.Entries.Count(e => e == "create test.a"));
    }
}
