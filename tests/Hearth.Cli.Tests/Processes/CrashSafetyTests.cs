using Hearth.Cli.Tests.Processes.StateBackends;
using Hearth.Core.State;
using Hearth.Core.State.Local;
using Hearth.Testing;

namespace Hearth.Cli.Tests.Processes;

/// <summary>
/// The crash tests on the local state file, which promises more: right after the kill, before any other run, the
/// state parses and accounts for every object that exists (each change is journalled before it is acknowledged).
/// </summary>
public sealed class CrashSafetyTests : StateCrashSafetyContract
{
    protected override Task<StateLocation> NewLocationAsync() =>
        Task.FromResult(new StateLocation("", LockOutlivesProcess: false));

    protected override async Task AfterKillAsync(TempLab lab, StateLocation location, int trial)
    {
        var state = await new LocalStateBackend(lab.PathOf(".hearth/state.json"), "test").ReadAsync(CancellationToken.None) ?? StateDocument.CreateNew();
        var known = state.Resources.Keys.Select(k => k.Name).ToHashSet();
        foreach (var step in Objects(lab).Select(Step))
            Assert.True(known.Contains(step), $"trial {trial}: {step} exists on disk but the state does not know it");
        foreach (var instance in state.Resources.Values.Where(i => !i.Tainted))
            Assert.True(Objects(lab).Count(o => Step(o) == instance.Address.Name) == 1,
                $"trial {trial}: the state says {instance.Address} exists, but its object is missing or duplicated");
    }
}
