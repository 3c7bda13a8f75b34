using System.Text.RegularExpressions;
using Hearth.Testing;

namespace Hearth.Cli.Tests.Processes.StateBackends;

/// <summary>
/// Kills a real `hearth apply` with SIGKILL at random moments, for each state backend, then checks that the lock
/// is reported as held by the dead run where it outlives it, that force-unlock frees it, and that the next apply
/// converges with no object lost or made twice.
/// </summary>
public abstract partial class StateCrashSafetyContract
{
    protected virtual int Trials => 20;

    /// <summary>A state location no other test uses.</summary>
    protected abstract Task<StateLocation> NewLocationAsync();

    /// <summary>Three chains of four slow steps; each run of a step leaves a uniquely named object file, so a step run twice shows.</summary>
    private static string SlowLab()
    {
        var lab = new System.Text.StringBuilder("resources:\n");
        for (var chain = 0; chain < 3; chain++)
        {
            for (var step = 0; step < 4; step++)
            {
                var name = $"c{chain}s{step}";
                lab.Append($"  exec.{name}:\n");
                lab.Append($"    command: [sh, -c, \"sleep 0.25; mkdir -p objects; mktemp objects/{name}.XXXXXX\"]\n");
                lab.Append($"    destroy_command: [sh, -c, \"rm -f objects/{name}.*\"]\n");
                if (step > 0)
                    lab.Append($"    triggers: {{ after: \"${{exec.c{chain}s{step - 1}.id}}\" }}\n");
            }
        }
        return lab.ToString();
    }

    [Fact]
    public async Task Killing_apply_at_random_points_never_loses_or_duplicates_an_object_and_the_next_apply_converges()
    {
        var random = new Random(20261125);
        var killedMidway = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            var location = await NewLocationAsync();
            using var lab = new TempLab(location.Section + "\n" + SlowLab());
            using (var apply = HearthProcess.Start(lab.Directory, "apply", "-auto-approve", "-parallelism=2"))
            {
                await Task.Delay(random.Next(300, 1800));
                if (!apply.HasExited)
                {
                    apply.Kill();
                    killedMidway++;
                }
                await apply.WaitAsync(TimeSpan.FromSeconds(60));
            }

            await AfterKillAsync(lab, location, trial);
            var converge = await HearthProcess.Start(lab.Directory, "apply", "-auto-approve").WaitAsync(TimeSpan.FromSeconds(60));
            if (converge.ExitCode != 0 && LockId().Match(converge.Error) is { Success: true } locked)
            {
                Assert.True(location.LockOutlivesProcess, $"trial {trial}: the dead run's lock blocked the next apply: {converge.Error}");
                var unlock = await HearthProcess.Start(lab.Directory, "force-unlock", "--force", locked.Groups[1].Value).WaitAsync(TimeSpan.FromSeconds(60));
                Assert.True(unlock.ExitCode == 0, $"trial {trial}: force-unlock failed: {unlock.Error}");
                converge = await HearthProcess.Start(lab.Directory, "apply", "-auto-approve").WaitAsync(TimeSpan.FromSeconds(60));
            }
            Assert.True(converge.ExitCode == 0, $"trial {trial}: the apply after the kill failed: {converge.Error}");

            var final = await StateLocation.PullAsync(lab);
            Assert.Equal(12, final.Resources.Count);
            Assert.All(final.Resources.Values, r => Assert.False(r.Tainted));
            var objects = Objects(lab);
            Assert.Equal(12, objects.Count);
            Assert.All(objects.GroupBy(Step), g => Assert.Single(g));
            var again = await HearthProcess.Start(lab.Directory, "plan", "-detailed-exitcode").WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(again.ExitCode == 0, $"trial {trial}: the plan after converging is not empty: {again.Output}{again.Error}");
        }
        Assert.True(killedMidway >= Trials / 2, $"only {killedMidway} of {Trials} kills landed mid-apply; the lab is too fast for this test");
    }

    /// <summary>Checks made between the kill and the next apply, for backends that promise more at that point.</summary>
    protected virtual Task AfterKillAsync(TempLab lab, StateLocation location, int trial) => Task.CompletedTask;

    protected static List<string> Objects(TempLab lab) =>
        Directory.Exists(lab.PathOf("objects")) ? [.. Directory.GetFiles(lab.PathOf("objects")).Select(f => Path.GetFileName(f)!)] : [];

    protected static string Step(string objectFile) => objectFile.Split('.')[0];

    [GeneratedRegex(@"lock ID ([0-9a-zA-Z-]+)\)")]
    private static partial Regex LockId();
}
