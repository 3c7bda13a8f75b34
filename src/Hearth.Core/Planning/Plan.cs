using System.Collections.Immutable;
using Hearth.Core.State;

namespace Hearth.Core.Planning;

/// <summary>
/// What apply would do, and what it was computed from: the state's lineage and serial (a saved plan is refused
/// once the state moves), the lab's fingerprint, and the refreshed state it compared against.
/// </summary>
public sealed record Plan(
    PlanOptions Options,
    Guid Lineage,
    long Serial,
    string LabFingerprint,
    ImmutableArray<ResourceChange> Changes,
    ImmutableArray<ResourceDrift> Drift,
    ImmutableArray<OutputChange> Outputs,
    StateDocument RefreshedState,
    ImmutableArray<string> Warnings)
{
    public IEnumerable<ResourceChange> Actions => Changes.Where(c => c.Action != ChangeAction.NoOp);

    /// <summary>True when applying would change anything: a resource, an output, or (refresh-only) the state.</summary>
    public bool HasChanges => Actions.Any() || Outputs.Any(o => o.IsChange) || (Options.Mode == PlanMode.RefreshOnly && !Drift.IsEmpty);

    public int ToAdd => Actions.Count(c => c.Action.Creates());

    public int ToChange => Actions.Count(c => c.Action == ChangeAction.Update);

    public int ToDestroy => Actions.Count(c => c.Action.Deletes());
}
