using Hearth.Core.State;
using Hearth.Core.State.Local;
using Hearth.Testing;

namespace Hearth.Cli.Tests.Processes;

/// <summary>
/// Kills a real `hearth apply` with SIGKILL at random moments, then checks that the state parses, accounts for
/// every object that exists, and that the next apply converges with no duplicate and no lost object.
/// </summary>
public sealed class CrashSafetyTests
{
    private const int Trials = 20;

    /// <summary>Three chains of four slow steps. Each run of a step leaves a uniquely named object file, so a step
    /// run twice without its first object being destroyed shows up as a duplicate.</summary>
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
    public async Task Killing_apply_at_random_points_never_loses_or_duplicates_an_object()
    {
        var random = new Random(20261125);
        var killedMidway = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            using var lab = new TempLab(SlowLab());
            using (var apply = HearthProcess.Start(lab.Directory, "apply", "-auto-approve", "-parallelism=2"))
            {
                await Task.Delay(random.Next(100, 1600));
                if (!apply.HasExited)
                {
                    apply.Kill();
                    killedMidway++;
                }
                await apply.WaitAsync(TimeSpan.FromSeconds(60));
            }

            var state = await new LocalStateBackend(lab.PathOf(".hearth/state.json"), "test").ReadAsync(CancellationToken.None)
                ?? StateDocument.CreateNew();
            AssertStateAccountsForEveryObject(lab, state, trial);

            var converge = await HearthProcess.Start(lab.Directory, "apply", "-auto-approve").WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(converge.ExitCode == 0, $"trial {trial}: second apply failed: {converge.Error}");
            var final = (await new LocalStateBackend(lab.PathOf(".hearth/state.json"), "test").ReadAsync(CancellationToken.None))!;
            Assert.Equal(12, final.Resources.Count);
            Assert.All(final.Resources.Values, r => Assert.False(r.Tainted));
            var objects = Objects(lab);
            Assert.Equal(12, objects.Count);
            Assert.All(objects.GroupBy(Step), g => Assert.Single(g));

            var again = await HearthProcess.Start(lab.Directory, "plan", "-detailed-exitcode").WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(0, again.ExitCode);
        }
        Assert.True(killedMidway >= Trials / 2, $"only {killedMidway} of {Trials} kills landed mid-apply; the lab is too fast for this test");
    }

    private static void AssertStateAccountsForEveryObject(TempLab lab, StateDocument state, int trial)
    {
        var known = state.Resources.Keys.Select(k => k.Name).ToHashSet();
        foreach (var step in Objects(lab).Select(Step))
            Assert.True(known.Contains(step), $"trial {trial}: {step} exists on disk but the state does not know it");
        foreach (var instance in state.Resources.Values.Where(i => !i.Tainted))
            Assert.True(Objects(lab).Count(o => Step(o) == instance.Address.Name) == 1,
                $"trial {trial}: the state says {instance.Address} exists, but its object is missing or duplicated");
    }

    private static List<string> Objects(TempLab lab) =>
        Directory.Exists(lab.PathOf("objects")) ? [.. Directory.GetFiles(lab.PathOf("objects")).Select(f => Path.GetFileName(f))] : [];

    private static string Step(string objectFile) => objectFile.Split('.')[0];
}
