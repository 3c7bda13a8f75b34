using Hearth.Testing;

namespace Hearth.Cli.Tests.Processes.StateBackends;

/// <summary>Two real `hearth apply` processes race on one lab, for each state backend: the lock lets exactly one through.</summary>
public abstract class StateLockingContract
{
    protected virtual int Trials => 50;

    /// <summary>A state location no other test uses.</summary>
    protected abstract Task<StateLocation> NewLocationAsync();

    private const string SlowLab = """
        resources:
          exec.slow:
            command: [sh, -c, "sleep 1; echo done"]
          data.after:
            input: "${exec.slow.stdout}"
        """;

    [Fact]
    public async Task Of_two_concurrent_applies_exactly_one_proceeds_the_other_names_the_holder_and_the_state_has_each_resource_once()
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            var location = await NewLocationAsync();
            using var lab = new TempLab(location.Section + "\n" + SlowLab);
            using var first = HearthProcess.Start(lab.Directory, "apply", "-auto-approve");
            using var second = HearthProcess.Start(lab.Directory, "apply", "-auto-approve");

            var results = await Task.WhenAll(first.WaitAsync(TimeSpan.FromSeconds(60)), second.WaitAsync(TimeSpan.FromSeconds(60)));

            var winners = results.Where(r => r.ExitCode == 0).ToList();
            Assert.True(winners.Count == 1, $"trial {trial}: {winners.Count} applies succeeded\n{string.Join("\n---\n", results.Select(r => r.Error))}");
            var loser = Assert.Single(results, r => r.ExitCode != 0);
            Assert.Equal(1, loser.ExitCode);
            Assert.Contains("Error: the state is locked by", loser.Error, StringComparison.Ordinal);
            Assert.Contains("(apply, lock ID", loser.Error, StringComparison.Ordinal);
            Assert.Contains("Apply complete! Resources: 2 added", winners[0].Output, StringComparison.Ordinal);
            var state = await StateLocation.PullAsync(lab);
            Assert.Equal(["data.after", "exec.slow"], state.Resources.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        }
    }
}
