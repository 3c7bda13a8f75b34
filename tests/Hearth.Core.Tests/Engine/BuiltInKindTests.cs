using Hearth.Core.Addressing;
using Hearth.Core.Planning;
using Hearth.Core.Resources;
using Hearth.Core.Values;
using Hearth.Testing;

namespace Hearth.Core.Tests.Engine;

public sealed class BuiltInKindTests
{
    [Theory]
    [InlineData("600")]
    [InlineData("0600")]
    [InlineData("4755")]
    public async Task A_file_mode_written_either_way_settles_after_one_apply(string mode)
    {
        using var engine = new EngineHarness($"resources:\n  file.a: {{ path: a.txt, content: hi, mode: \"{mode}\" }}\n");
        await engine.ApplyAsync();

        var plan = await engine.PlanAsync();

        Assert.False(plan.HasChanges);
        Assert.Equal(Convert.ToInt32(mode, 8), (int)File.GetUnixFileMode(engine.Lab.PathOf("a.txt")));
    }

    [Fact]
    public async Task A_file_edited_outside_is_put_back()
    {
        using var engine = new EngineHarness("resources:\n  file.a: { path: a.txt, content: hi }\n");
        await engine.ApplyAsync();
        await File.WriteAllTextAsync(engine.Lab.PathOf("a.txt"), "edited");

        var (plan, _) = await engine.ApplyAsync();

        var drift = Assert.Single(plan.Drift);
        Assert.Equal("edited", drift.After!.GetString("content"));
        Assert.Equal(ChangeAction.Update, Assert.Single(plan.Actions).Action);
        Assert.Equal("hi", await File.ReadAllTextAsync(engine.Lab.PathOf("a.txt")));
    }

    [Fact]
    public async Task Replacing_a_file_with_create_before_destroy_keeps_the_new_file()
    {
        using var engine = new EngineHarness("""
            resources:
              file.a:
                path: a.txt
                content: hi
                lifecycle: { create_before_destroy: true }
            """);
        await engine.ApplyAsync();

        var (plan, result) = await engine.ApplyAsync(new PlanOptions(Replace: [ResourceAddress.Parse("file.a")]));

        Assert.Equal(ChangeAction.CreateThenDelete, Assert.Single(plan.Actions).Action);
        Assert.True(result.Succeeded);
        Assert.True(File.Exists(engine.Lab.PathOf("a.txt")));
        Assert.False((await engine.PlanAsync()).HasChanges);
    }

    [Fact]
    public async Task Replace_of_a_for_each_resource_replaces_every_instance()
    {
        using var engine = new EngineHarness("resources:\n  test.n: { for_each: [a, b], value: \"${each.key}\" }\n");
        await engine.ApplyAsync();

        var plan = await engine.PlanAsync(new PlanOptions(Replace: [ResourceAddress.Parse("test.n")]));

        Assert.Equal(2, plan.Actions.Count(c => c.Action == ChangeAction.DeleteThenCreate));
    }

    [Fact]
    public async Task A_lone_interpolation_keeps_its_type()
    {
        using var engine = new EngineHarness("""
            variables:
              count: { type: number, default: 3 }
            resources:
              test.a: { value: "${var.count}" }
              test.b: { value: "${3}" }
              test.c: { value: "n=${var.count}" }
            """);

        var plan = await engine.PlanAsync();

        Assert.Equal(Value.Number(3), plan.Changes.Single(c => c.Address.Name == "a").After!.Get("value"));
        Assert.Equal(Value.Number(3), plan.Changes.Single(c => c.Address.Name == "b").After!.Get("value"));
        Assert.Equal(Value.String("n=3"), plan.Changes.Single(c => c.Address.Name == "c").After!.Get("value"));
    }

    [Fact]
    public async Task A_sensitive_value_under_a_dotted_key_stays_sensitive_after_a_reload()
    {
        using var engine = new EngineHarness("""
            variables:
              pw: { default: hunter2, sensitive: true }
            resources:
              data.a:
                input: { "db.password": "${var.pw}", user: admin }
            """);
        await engine.ApplyAsync();

        var state = await engine.StateAsync();
        var input = (MapValue)state.Find(ResourceAddress.Parse("data.a"))!.Attributes.Get("input")!;

        Assert.IsType<SensitiveValue>(input.Get("db.password"));
        Assert.IsType<StringValue>(input.Get("user"));
        Assert.Equal(2, input.Entries.Count);
        Assert.False((await engine.PlanAsync()).HasChanges);
    }

    [Fact]
    public async Task An_exec_whose_command_fails_reports_its_output_with_secrets_redacted()
    {
        using var engine = new EngineHarness("""
            variables:
              token: { default: s3cr3t-token, sensitive: true }
            resources:
              exec.a:
                command: [sh, -c, "echo using $TOKEN >&2; exit 3"]
                environment: { TOKEN: "${var.token}" }
            """);

        var (_, result) = await engine.ApplyAsync();

        var error = Assert.Single(result.Errors);
        Assert.Contains("exited with code 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("using (sensitive value)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_escaped_interpolation_is_literal_text_even_in_a_variable_default()
    {
        using var engine = new EngineHarness("""
            variables:
              script: { default: "echo $${HOME}" }
            resources:
              data.a: { input: "${var.script} and $${PATH}" }
            """);

        var plan = await engine.PlanAsync();

        Assert.Equal(Value.String("echo ${HOME} and ${PATH}"), Assert.Single(plan.Changes).After!.Get("input"));
    }
}
