using Hearth.Testing;

namespace Hearth.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Terraform_single_dash_flags_are_accepted()
    {
        using var lab = new TempLab("""
            resources:
              data.a: { input: 1 }
            """);

        var result = await CliRunner.RunAsync(lab.Directory, ["apply", "-auto-approve", "-parallelism=2", "-refresh=false"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Apply complete! Resources: 1 added, 0 changed, 0 destroyed.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_without_a_terminal_and_without_auto_approve_refuses_and_changes_nothing()
    {
        using var lab = new TempLab("""
            resources:
              file.a: { path: out/a.txt, content: hi }
            """);

        var result = await CliRunner.RunAsync(lab.Directory, ["apply"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("refusing to apply without confirmation", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(lab.PathOf("out/a.txt")));
    }

    [Fact]
    public async Task A_lab_error_exits_1_with_file_line_and_column_and_no_stack_trace()
    {
        using var lab = new TempLab("""
            resources:
              fille.a: {}
            """);

        var result = await CliRunner.RunAsync(lab.Directory, ["plan"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: hearth.yaml:2:3: unknown resource kind `fille` in `fille.a`\n  did you mean `file`?\n", result.Error);
    }

    [Fact]
    public async Task Input_false_refuses_to_ask_even_on_a_terminal()
    {
        using var lab = new TempLab("resources:\n  data.a: { input: 1 }\n");

        var result = await CliRunner.RunAsync(lab.Directory, ["apply", "-input=false"], terminal: true, input: "yes\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("refusing to apply without confirmation: --input=false", result.Error, StringComparison.Ordinal);
    }
}
