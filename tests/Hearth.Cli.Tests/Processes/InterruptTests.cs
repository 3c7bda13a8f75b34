using Hearth.Core.State.Local;
using Hearth.Testing;

namespace Hearth.Cli.Tests.Processes;

public sealed class InterruptTests
{
    [Fact]
    public async Task Ctrl_c_lets_the_running_step_finish_saves_state_and_exits_130()
    {
        var lab = new System.Text.StringBuilder("resources:\n");
        for (var step = 0; step < 6; step++)
        {
            lab.Append($"  exec.s{step}:\n    command: [sh, -c, \"sleep 1; echo s{step}\"]\n");
            if (step > 0)
                lab.Append($"    triggers: {{ after: \"${{exec.s{step - 1}.id}}\" }}\n");
        }
        using var temp = new TempLab(lab.ToString());
        using var apply = HearthProcess.StartInterruptible(temp.Directory, "apply", "-auto-approve");
        var backend = new LocalStateBackend(temp.PathOf(".hearth/state.json"), "test");
        for (var waited = 0; (await backend.ReadAsync(CancellationToken.None))?.Resources.Values.Any(r => !r.Tainted) != true; waited += 50)
        {
            Assert.True(waited < 30_000, "the apply never completed its first step");
            await Task.Delay(50);
        }

        apply.Interrupt();
        var result = await apply.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("Interrupt received", result.Error, StringComparison.Ordinal);
        Assert.Contains("Skipped: the run was interrupted", result.Output, StringComparison.Ordinal);
        var state = (await backend.ReadAsync(CancellationToken.None))!;
        var completed = result.Output.Split('\n').Count(l => l.Contains("Creation complete", StringComparison.Ordinal));
        Assert.InRange(completed, 1, 5);
        Assert.Equal(completed, state.Resources.Count);
        Assert.All(state.Resources.Values, r => Assert.False(r.Tainted));

        var rest = await HearthProcess.Start(temp.Directory, "apply", "-auto-approve").WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, rest.ExitCode);
        Assert.Contains($"Resources: {6 - completed} added", rest.Output, StringComparison.Ordinal);
    }
}
