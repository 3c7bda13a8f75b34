using System.Text.Json;
using Hearth.Testing;

namespace Hearth.Cli.Tests;

public sealed class PlanOutputTests
{
    [Fact]
    public async Task First_plan_of_the_example_lab_matches_the_golden_output()
    {
        using var lab = new ExampleLab();

        var result = await lab.RunAsync("plan");

        Assert.Equal(0, result.ExitCode);
        Golden.Verify(result.Output, "example-first-plan");
    }

    [Fact]
    public async Task A_plan_after_apply_says_no_changes()
    {
        using var lab = new ExampleLab();
        await lab.RunAsync("apply", "--auto-approve");

        var result = await lab.RunAsync("plan");

        Assert.Equal("No changes. Your lab matches the configuration.\n", result.Output);
    }

    [Fact]
    public async Task A_changed_variable_plans_an_update_and_a_triggered_replacement()
    {
        using var lab = new ExampleLab();
        await lab.RunAsync("apply", "--auto-approve");

        var result = await lab.RunAsync("plan", "--var", "greeting=Hello");

        Assert.Equal(0, result.ExitCode);
        Golden.Verify(Golden.Scrub(result.Output), "example-update-plan");
    }

    [Fact]
    public async Task A_requested_replacement_is_planned_as_such()
    {
        using var lab = new ExampleLab();
        await lab.RunAsync("apply", "--auto-approve");

        var result = await lab.RunAsync("plan", "--replace", "random_password.db");

        // db.env's hash depends on the generated password, so it differs on every run.
        var stable = System.Text.RegularExpressions.Regex.Replace(Golden.Scrub(result.Output), "\"[0-9a-f]{64}\"", "\"<sha256>\"");
        Golden.Verify(stable, "example-replace-plan");
    }

    [Fact]
    public async Task Detailed_exit_code_is_2_with_changes_0_without_and_1_on_error()
    {
        using var lab = new ExampleLab();

        var before = await lab.RunAsync("plan", "-detailed-exitcode");
        await lab.RunAsync("apply", "--auto-approve");
        var after = await lab.RunAsync("plan", "-detailed-exitcode");
        var broken = await lab.RunAsync("plan", "-detailed-exitcode", "--var", "nodes=7");

        Assert.Equal((2, 0, 1), (before.ExitCode, after.ExitCode, broken.ExitCode));
    }

    [Fact]
    public async Task Json_plan_has_actions_and_redacts_sensitive_values()
    {
        using var lab = new ExampleLab();

        var result = await lab.RunAsync("plan", "--json");

        using var json = JsonDocument.Parse(result.Output);
        var changes = json.RootElement.GetProperty("resource_changes").EnumerateArray().ToList();
        Assert.Equal(11, changes.Count);
        var motd = changes.Single(c => c.GetProperty("address").GetString() == "file.motd");
        Assert.Equal(["create"], motd.GetProperty("change").GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("out/motd.txt", motd.GetProperty("change").GetProperty("after").GetProperty("path").GetString());
        var password = changes.Single(c => c.GetProperty("address").GetString() == "random_password.db").GetProperty("change");
        Assert.True(password.GetProperty("after_unknown").GetProperty("result").GetBoolean());
        Assert.True(password.GetProperty("after_sensitive").GetProperty("result").GetBoolean());
        Assert.Equal(11, json.RootElement.GetProperty("summary").GetProperty("add").GetInt32());
    }
}
