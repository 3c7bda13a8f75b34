using Hearth.Testing;

namespace Hearth.Cli.Tests;

public sealed class TerminalOutputTests
{
    private const string Escape = "\u001b[";

    private static TempLab Lab() => new("resources:\n  data.a: { input: 1 }\n");

    [Fact]
    public async Task A_terminal_gets_colours()
    {
        using var lab = Lab();

        var result = await CliRunner.RunAsync(lab.Directory, ["plan"], terminal: true);

        Assert.Contains(Escape, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_color_environment_variable_turns_colours_off_on_a_terminal()
    {
        using var lab = Lab();

        var result = await CliRunner.RunAsync(lab.Directory, ["plan"], terminal: true, environment: new Dictionary<string, string> { ["NO_COLOR"] = "1" });

        Assert.DoesNotContain(Escape, result.Output, StringComparison.Ordinal);
        Assert.Contains("+ data \"a\" {", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_color_flag_turns_colours_off_on_a_terminal()
    {
        using var lab = Lab();

        var result = await CliRunner.RunAsync(lab.Directory, ["plan", "--no-color"], terminal: true);

        Assert.DoesNotContain(Escape, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_that_is_not_a_terminal_is_plain()
    {
        using var lab = Lab();

        var result = await CliRunner.RunAsync(lab.Directory, ["apply", "--auto-approve"]);

        Assert.DoesNotContain(Escape, result.Output, StringComparison.Ordinal);
        Assert.Contains("data.a: Creation complete after 0s", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_asks_on_a_terminal_and_only_yes_approves()
    {
        using var lab = Lab();

        var refused = await CliRunner.RunAsync(lab.Directory, ["apply", "--no-color"], terminal: true, input: "y\n");
        var approved = await CliRunner.RunAsync(lab.Directory, ["apply", "--no-color"], terminal: true, input: "yes\n");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Apply cancelled.", refused.Output, StringComparison.Ordinal);
        Assert.Equal(0, approved.ExitCode);
        Assert.Contains("Only 'yes' will be accepted to approve.", approved.Output, StringComparison.Ordinal);
        Assert.Contains("Apply complete! Resources: 1 added", approved.Output, StringComparison.Ordinal);
    }
}
