using Hearth.Testing;

namespace Hearth.Cli.Tests.Processes;

/// <summary>Two real `hearth apply` processes on one lab: the lock lets exactly one through.</summary>
public sealed class LockingTests
{
    private const int Trials = 20;

    private const string SlowLab = """
        resources:
          exec.slow:
            command: [sh, -c, "sleep 2; echo done"]
          data.after:
            input: "${exec.slow.stdout}"
        """;

    [Fact]
    public async Task Of_two_concurrent_applies_exactly_one_proceeds_and_the_other_fails_fast_naming_the_holder()
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            using var lab = new TempLab(SlowLab);
            using var first = HearthProcess.Start(lab.Directory, "apply", "-auto-approve");
            using var second = HearthProcess.Start(lab.Directory, "apply", "-auto-approve");

            var results = await Task.WhenAll(first.WaitAsync(TimeSpan.FromSeconds(60)), second.WaitAsync(TimeSpan.FromSeconds(60)));

            var winners = results.Where(r => r.ExitCode == 0).ToList();
            var losers = results.Where(r => r.ExitCode != 0).ToList();
            Assert.True(winners.Count == 1, $"trial {trial}: {winners.Count} applies succeeded\n{string.Join("\n---\n", results.Select(r => r.Error))}");
            var loser = Assert.Single(losers);
            Assert.Equal(1, loser.ExitCode);
            Assert.Contains("Error: the state is locked by", loser.Error, StringComparison.Ordinal);
            Assert.Contains("(apply, lock ID", loser.Error, StringComparison.Ordinal);
            Assert.Contains("--lock-timeout", loser.Error, StringComparison.Ordinal);
            Assert.Contains("Apply complete! Resources: 2 added", winners[0].Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_a_lock_timeout_the_second_apply_waits_and_then_finds_nothing_to_do()
    {
        using var lab = new TempLab(SlowLab);
        using var first = HearthProcess.Start(lab.Directory, "apply", "-auto-approve");
        await WaitUntilLockedAsync(lab);
        using var second = HearthProcess.Start(lab.Directory, "apply", "-auto-approve", "-lock-timeout=60s");

        var results = await Task.WhenAll(first.WaitAsync(TimeSpan.FromSeconds(90)), second.WaitAsync(TimeSpan.FromSeconds(90)));

        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        Assert.Equal(1, results.Count(r => r.Output.Contains("Apply complete! Resources: 2 added", StringComparison.Ordinal)));
        Assert.Equal(1, results.Count(r => r.Output.Contains("No changes.", StringComparison.Ordinal)));
    }

    private static async Task WaitUntilLockedAsync(TempLab lab)
    {
        var info = lab.PathOf(".hearth/state.json.lock.info");
        for (var waited = 0; !File.Exists(info); waited += 50)
        {
            Assert.True(waited < 30_000, "the first apply never took the lock");
            await Task.Delay(50);
        }
    }
}
