using Hearth.Core.State;
using Hearth.Testing;

namespace Hearth.Cli.Tests.Processes.StateBackends;

/// <summary>A fresh place for one lab's state: the lab's <c>state:</c> section, and what a killed run leaves there.</summary>
/// <param name="Section">The <c>state:</c> section (top-level YAML), empty for the default local file.</param>
/// <param name="LockOutlivesProcess">A killed run's lock stays until force-unlock (a lock object); false where the server or kernel drops it (PostgreSQL, a local flock).</param>
public sealed record StateLocation(string Section, bool LockOutlivesProcess)
{
    /// <summary>What the processes stored, read back the way a user would: <c>hearth state pull</c>.</summary>
    public static async Task<StateDocument> PullAsync(TempLab lab)
    {
        var pull = await HearthProcess.Start(lab.Directory, "state", "pull").WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(pull.ExitCode == 0, $"state pull failed: {pull.Error}");
        return StateSerializer.Read(System.Text.Encoding.UTF8.GetBytes(pull.Output), "state pull");
    }
}
