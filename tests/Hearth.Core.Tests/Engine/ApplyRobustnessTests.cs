using Hearth.Core.Applying;
using Hearth.Core.Planning;
using Hearth.Core.Resources;
using Hearth.Core.Values;
using Hearth.Core.Resources.BuiltIn;
using Hearth.Core.Secrets;
using Hearth.Core.State;
using Hearth.Testing;

namespace Hearth.Core.Tests.Engine;

public sealed class ApplyRobustnessTests
{
    [Fact]
    public async Task Removing_a_middle_resource_while_replacing_its_dependency_applies_without_deadlock()
    {
        using var engine = new EngineHarness("""
            resources:
              test.z: { replace_me: one }
              test.x: { value: "${test.z.id}" }
              test.y: { value: "${test.x.id}" }
            """);
        await engine.ApplyAsync();
        engine.Lab.Write("hearth.yaml", """
            resources:
              test.z: { replace_me: two }
              test.y: { value: "${test.z.id}" }
            """);

        var apply = engine.ApplyAsync();
        var finished = await Task.WhenAny(apply, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(apply, finished);
        var (plan, result) = await apply;
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(["test.x Delete", "test.y Update", "test.z DeleteThenCreate"], plan.Actions.Select(c => $"{c.Address} {c.Action}"));
        Assert.Equal(2, engine.Test.Objects.Count);
    }

    [Fact]
    public async Task Ignored_attributes_keep_their_value_when_another_attribute_is_updated()
    {
        using var engine = new EngineHarness("""
            resources:
              file.f: { path: f.txt, content: "v1", mode: "0644", lifecycle: { ignore_changes: [content] } }
            """);
        await engine.ApplyAsync();
        engine.Lab.Write("hearth.yaml", """
            resources:
              file.f: { path: f.txt, content: "v2", mode: "0640", lifecycle: { ignore_changes: [content] } }
            """);

        await engine.ApplyAsync();

        Assert.Equal("v1", await File.ReadAllTextAsync(engine.Lab.PathOf("f.txt")));
        Assert.Equal(Convert.ToInt32("640", 8), (int)File.GetUnixFileMode(engine.Lab.PathOf("f.txt")));
    }

    [Fact]
    public async Task A_secret_in_a_file_edited_outside_stays_redacted_in_the_drift()
    {
        using var engine = new EngineHarness("""
            variables:
              pw: { default: hunter2-SECRET, sensitive: true }
            resources:
              file.env: { path: db.env, content: "DB_PASSWORD=${var.pw}\n" }
            """);
        await engine.ApplyAsync();
        await File.AppendAllTextAsync(engine.Lab.PathOf("db.env"), "# edited\n");

        var plan = await engine.PlanAsync();

        var drift = Assert.Single(plan.Drift);
        Assert.IsType<SensitiveValue>(drift.After!.Get("content"));
    }

    [Fact]
    public async Task An_observer_that_throws_does_not_stop_the_apply()
    {
        using var lab = new TempLab("resources:\n  data.a: { input: 1 }\n  data.b: { input: \"${data.a.output}\" }\n");
        var registry = new ResourceTypeRegistry(BuiltInResourceTypes.Create());
        var loaded = lab.Load(registry: registry);
        var backend = new Core.State.Local.LocalStateBackend(lab.PathOf(".hearth/state.json"), "test");
        await using var session = await backend.OpenAsync(LockInfo.ForCurrentProcess("apply", "t", "t"), TimeSpan.Zero, CancellationToken.None);
        var plan = await new Planner(registry, new UnavailableSecretResolver()).PlanAsync(loaded, session.Current, new PlanOptions(), CancellationToken.None);

        var apply = new Applier(registry, new UnavailableSecretResolver(), new ThrowingObserver())
            .ApplyAsync(loaded, plan, session, new ApplyOptions(), CancellationToken.None, CancellationToken.None);
        var finished = await Task.WhenAny(apply, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(apply, finished);
        Assert.Equal(2, (await apply).Added);
    }

    private sealed class ThrowingObserver : IApplyObserver
    {
        public void OnEvent(ApplyEvent applyEvent) => throw new IOException("the terminal went away");
    }
}
