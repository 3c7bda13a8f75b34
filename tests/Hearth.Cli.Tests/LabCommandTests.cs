using Hearth.Testing;

namespace Hearth.Cli.Tests;

public sealed class LabCommandTests
{
    [Fact]
    public async Task Init_scaffolds_a_lab_that_validates_and_plans_cleanly()
    {
        var directory = Path.Combine(Path.GetTempPath(), "hearth-init-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var home = new Dictionary<string, string> { ["HOME"] = Path.Combine(directory, "home") };
            var init = await CliRunner.RunAsync(Path.GetTempPath(), ["init", directory], environment: home);
            var validate = await CliRunner.RunAsync(directory, ["validate"]);
            var plan = await CliRunner.RunAsync(directory, ["plan", "--detailed-exitcode"]);
            var again = await CliRunner.RunAsync(directory, ["init"], environment: home);
            var keyFile = Path.Combine(directory, "home", ".config", "sops", "age", "keys.txt");

            Assert.Equal(0, init.ExitCode);
            Assert.Contains(".hearth/", await File.ReadAllTextAsync(Path.Combine(directory, ".gitignore")), StringComparison.Ordinal);
            Assert.Equal(0, validate.ExitCode);
            Assert.Equal(2, plan.ExitCode);
            Assert.Contains("Plan: 2 to add, 0 to change, 0 to destroy.", plan.Output, StringComparison.Ordinal);
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            var recipient = File.ReadAllLines(keyFile).Single(l => l.StartsWith("# public key: ", StringComparison.Ordinal))["# public key: ".Length..];
            Assert.Contains($"age: {recipient}", await File.ReadAllTextAsync(Path.Combine(directory, ".sops.yaml")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Validate_reports_every_problem_and_exits_1()
    {
        using var lab = new TempLab("""
            resources:
              data.a: { input: "${var.missing}" }
              file.b: { path: b.txt, content: x, mode: 644, colour: red }
            """);

        var result = await CliRunner.RunAsync(lab.Directory, ["validate"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error: hearth.yaml:2:21: unknown variable `var.missing`", result.Error, StringComparison.Ordinal);
        Assert.Contains("Error: hearth.yaml:3:49: file has no attribute `colour`", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_prints_dependencies_as_dot_and_mermaid()
    {
        using var lab = new TempLab("""
            resources:
              data.a: { input: 1 }
              data.b: { input: "${data.a.output}" }
            """);

        var dot = await CliRunner.RunAsync(lab.Directory, ["graph"]);
        var mermaid = await CliRunner.RunAsync(lab.Directory, ["graph", "--format", "mermaid"]);

        Assert.Contains("\"data.b\" -> \"data.a\";", dot.Output, StringComparison.Ordinal);
        Assert.StartsWith("digraph", dot.Output, StringComparison.Ordinal);
        Assert.StartsWith("flowchart RL\n", mermaid.Output, StringComparison.Ordinal);
        Assert.Contains("r1 --> r0", mermaid.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Variables_come_from_defaults_the_vars_file_the_environment_and_the_command_line_in_that_order()
    {
        using var lab = new TempLab("""
            variables:
              a: { default: from-default }
              b: { default: from-default }
              c: { default: from-default }
              d: { default: from-default }
            outputs:
              all: "${var.a} ${var.b} ${var.c} ${var.d}"
            """, ("hearth.vars.yaml", "b: from-file\nc: from-file\nd: from-file\n"));

        var result = await CliRunner.RunAsync(lab.Directory, ["apply", "--auto-approve", "--var", "d=from-flag"],
            environment: new Dictionary<string, string> { ["HEARTH_VAR_c"] = "from-env", ["HEARTH_VAR_d"] = "from-env" });

        Assert.Contains("all = \"from-default from-file from-env from-flag\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Force_unlock_clears_a_lock_left_by_a_dead_process()
    {
        using var lab = new TempLab("resources:\n  data.a: { input: 1 }\n");
        Directory.CreateDirectory(lab.PathOf(".hearth"));
        await File.WriteAllTextAsync(lab.PathOf(".hearth/state.json.lock.info"),
            """{"id":"4f1c","operation":"apply","who":"alice@nas","created":"2026-11-25T12:03:00+00:00","path":"x","version":"0.1.0","process_id":999999}""");

        var wrongId = await CliRunner.RunAsync(lab.Directory, ["force-unlock", "--force", "beef"]);
        var unlocked = await CliRunner.RunAsync(lab.Directory, ["force-unlock", "--force", "4f1c"]);

        Assert.Equal(1, wrongId.ExitCode);
        Assert.Contains("has ID 4f1c, not beef", wrongId.Error, StringComparison.Ordinal);
        Assert.Equal(0, unlocked.ExitCode);
        Assert.False(File.Exists(lab.PathOf(".hearth/state.json.lock.info")));
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        var result = await CliRunner.RunAsync(Path.GetTempPath(), ["--help"]);

        foreach (var command in new[] { "init", "validate", "plan", "apply", "destroy", "show", "output", "state", "import", "graph", "force-unlock" })
            Assert.Contains($"  {command}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_var_file_sets_typed_values_and_a_saved_plan_keeps_them()
    {
        using var lab = new TempLab("""
            variables:
              nodes: { type: list, default: [a] }
            resources:
              data.n: { for_each: "${var.nodes}", input: "${each.key}" }
            """, ("big.yaml", "nodes: [a, b, c]\n"));

        var plan = await CliRunner.RunAsync(lab.Directory, ["plan", "-var-file=big.yaml", "-out=p"]);
        var apply = await CliRunner.RunAsync(lab.Directory, ["apply", "p"]);
        var withVar = await CliRunner.RunAsync(lab.Directory, ["apply", "p", "--var", "nodes=[z]"]);

        Assert.Contains("Plan: 3 to add", plan.Output, StringComparison.Ordinal);
        Assert.Equal(0, apply.ExitCode);
        Assert.Contains("Resources: 3 added", apply.Output, StringComparison.Ordinal);
        Assert.Equal(1, withVar.ExitCode);
        Assert.Contains("a saved plan is applied exactly as it was made", withVar.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_state_section_is_checked()
    {
        using var lab = new TempLab("""
            state: { backend: local, pth: x.json }
            resources:
              data.a: { input: 1 }
            """);

        var result = await CliRunner.RunAsync(lab.Directory, ["validate"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error: hearth.yaml:1:26: unknown setting `pth` for the local state backend", result.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean `path`?", result.Error, StringComparison.Ordinal);
    }

    // examples/homelab keeps a zone at Cloudflare, so it applies against a fake one: HomelabExampleTests.
    [Theory]
    [InlineData("local")]
    public async Task Each_example_lab_applies_offline_and_then_has_nothing_left_to_do(string example)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"hearth-{example}-" + Guid.NewGuid().ToString("N")[..12]);
        RepositoryPaths.CopyDirectory(Path.Combine(RepositoryPaths.Root(), "examples", example), directory);
        try
        {
            var apply = await CliRunner.RunAsync(directory, ["apply", "--auto-approve"]);
            var plan = await CliRunner.RunAsync(directory, ["plan", "--detailed-exitcode"]);

            Assert.True(apply.ExitCode == 0, apply.Error);
            Assert.Equal(0, plan.ExitCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("root", new string[0])]
    [InlineData("plan", new[] { "plan" })]
    [InlineData("apply", new[] { "apply" })]
    [InlineData("state", new[] { "state" })]
    [InlineData("sops", new[] { "sops" })]
    public async Task Help_matches_the_reviewed_text(string name, string[] command)
    {
        var result = await CliRunner.RunAsync(Path.GetTempPath(), [.. command, "--help"]);

        Assert.Equal(0, result.ExitCode);
        // The usage line names the running executable: the test host here, `hearth` when installed.
        Golden.Verify(result.Output.Replace("testhost", "hearth", StringComparison.Ordinal), $"help-{name}");
    }
}
