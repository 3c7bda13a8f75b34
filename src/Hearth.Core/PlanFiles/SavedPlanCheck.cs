using Hearth.Core.Diagnostics;
using Hearth.Core.Labs;
using Hearth.Core.Planning;
using Hearth.Core.State;

namespace Hearth.Core.PlanFiles;

/// <summary>Refuses a saved plan that no longer describes what apply would do.</summary>
public static class SavedPlanCheck
{
    /// <exception cref="PlanException">The state or the lab moved since the plan was made.</exception>
    public static void EnsureCurrent(SavedPlan plan, Lab lab, StateDocument current)
    {
        // A lab's first plan is made before any state exists, so it has no lineage to match: it is current as long
        // as the state is still unwritten.
        var madeBeforeAnyState = plan.Serial == 0 && plan.RefreshedState.IsEmpty;
        if (!madeBeforeAnyState && plan.Lineage != current.Lineage)
            throw new PlanException("saved plan does not match the state: it was made for another state (lineage differs)",
                "make a new plan with `hearth plan -out FILE` against this state");
        if (madeBeforeAnyState ? current.Serial != 0 : plan.Serial != current.Serial)
            throw new PlanException(
                $"saved plan is stale: the state changed since the plan was made (serial {plan.Serial} then, {current.Serial} now)",
                "make a new plan with `hearth plan -out FILE` and apply that");
        if (plan.LabFingerprint != lab.Fingerprint)
            throw new PlanException("saved plan is stale: the lab's files or variables changed since the plan was made",
                "make a new plan with `hearth plan -out FILE` and apply that");
    }

    /// <summary>The re-made plan must have the same changes as the saved one.</summary>
    /// <exception cref="PlanException">It does not.</exception>
    public static void EnsureSameChanges(SavedPlan saved, Plan remade)
    {
        var expected = saved.Changes.Select(c => $"{c.Address} {c.Action}");
        var actual = remade.Actions.Select(c => $"{c.Address} {c.Action}");
        if (!expected.SequenceEqual(actual))
            throw new PlanException("saved plan no longer matches what apply would do", "make a new plan with `hearth plan -out FILE`");
        var changed = saved.Changes.Zip(remade.Actions)
            .FirstOrDefault(pair => pair.First.Digest is { } digest && digest != ChangeDigest.Of(pair.Second));
        if (changed != default)
            throw new PlanException(
                $"saved plan no longer matches what apply would do: {changed.First.Address} would now be written differently (an input outside the lab's files, such as a source file or a secret, changed since the plan)",
                "make a new plan with `hearth plan -out FILE` and apply that");
    }
}
