using Hearth.Cli.Tests.Processes.StateBackends;
using Hearth.Testing;

namespace Hearth.Cli.Tests.Processes;

/// <summary>Two real `hearth apply` processes on one lab with the local state file: the lock lets exactly one through, or makes one wait.</summary>
public sealed class LockingTests : StateLockingContract
{
    protected override int Trials => 20;

    protected override Task<StateLocation> NewLocationAsync() =>
        Task.FromResult(new StateLocation("", LockOutlivesProcess: false));

    private const string SlowLab = """
        resources:
          exec.slow:
            command: [sh, -c, "sleep 2; echo done"]
          data.after:
            input: "${exec.slow.stdout}"
        """;

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
