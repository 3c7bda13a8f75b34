namespace Hearth.Cli.Tests;

public sealed class SavedPlanTests
{
    [Fact]
    public async Task A_saved_plan_applies_exactly_and_without_asking()
    {
        using var lab = new ExampleLab();
        await lab.RunAsync("plan", "-out=tfplan");

        var result = await lab.RunAsync("apply", "tfplan");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Apply complete! Resources: 11 added, 0 changed, 0 destroyed.", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(lab.Directory, "out", "motd.txt")));
    }

    [Fact]
    public async Task A_saved_plan_is_refused_once_the_state_has_moved()
    {
        using var lab = new ExampleLab();
        await lab.RunAsync("plan", "--out", "tfplan");
        await lab.RunAsync("apply", "--auto-approve", "--target", "data.site");

        var result = await lab.RunAsync("apply", "tfplan");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("saved plan is stale", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(lab.Directory, "out", "motd.txt")));
    }

    [Fact]
    public async Task A_saved_plan_is_refused_once_the_lab_has_changed()
    {
        using var lab = new ExampleLab();
        await lab.RunAsync("plan", "--out", "tfplan");
        var labFile = Path.Combine(lab.Directory, "hearth.yaml");
        await File.WriteAllTextAsync(labFile, (await File.ReadAllTextAsync(labFile)).Replace("Welcome", "Hello", StringComparison.Ordinal));

        var result = await lab.RunAsync("apply", "tfplan");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("saved plan is stale: the lab's files or variables changed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saved_plan_is_refused_when_a_source_file_it_copies_changed_since()
    {
        using var lab = new Testing.TempLab("resources:\n  file.copy: { path: out/copy.txt, source: input.txt }\n", ("input.txt", "one\n"));
        await CliRunner.RunAsync(lab.Directory, ["plan", "-out=tfplan"]);
        await File.WriteAllTextAsync(lab.PathOf("input.txt"), "two\n");

        var result = await CliRunner.RunAsync(lab.Directory, ["apply", "tfplan"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("file.copy would now be written differently", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(lab.PathOf("out/copy.txt")));
    }

    [Fact]
    public async Task A_saved_plan_file_is_readable_only_by_its_owner()
    {
        using var lab = new ExampleLab();

        await lab.RunAsync("plan", "--out", "tfplan");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(lab.Directory, "tfplan")));
    }
}
