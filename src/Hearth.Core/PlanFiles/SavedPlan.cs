using System.Collections.Immutable;
using Hearth.Core.Planning;
using Hearth.Core.State;

namespace Hearth.Core.PlanFiles;

/// <summary>
/// A plan written with <c>-out</c>: enough to make exactly the same plan again at apply time (the lab's
/// fingerprint, the variables given, the options, the refreshed state it compared against), plus the list
/// of changes to check that it did.
/// </summary>
public sealed record SavedPlan(
    string HearthVersion,
    Guid Lineage,
    long Serial,
    string LabFingerprint,
    PlanOptions Options,
    ImmutableArray<KeyValuePair<string, string>> Variables,
    StateDocument RefreshedState,
    ImmutableArray<SavedChange> Changes)
{
    public const int FormatVersion = 1;

    public static SavedPlan From(Plan plan, IEnumerable<KeyValuePair<string, string>> variables, string hearthVersion) => new(
        hearthVersion, plan.Lineage, plan.Serial, plan.LabFingerprint, plan.Options, [.. variables], plan.RefreshedState,
        [.. plan.Actions.Select(c => new SavedChange(c.Address, c.Action, ChangeDigest.Of(c)))]);
}
