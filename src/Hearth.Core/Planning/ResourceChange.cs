using System.Collections.Immutable;
using Hearth.Core.Addressing;
using Hearth.Core.Values;

namespace Hearth.Core.Planning;

/// <summary>One planned change.</summary>
/// <param name="Before">The object as refreshed from the state (null when creating).</param>
/// <param name="After">The object apply is expected to produce, with unknowns for what only apply can tell (null when deleting).</param>
/// <param name="ReplacePaths">The attributes whose change forces replacement.</param>
/// <param name="EachValue">for_each's value for this instance, kept so apply can evaluate the same arguments.</param>
/// <param name="DeposedKey">Set when the change deletes a deposed object (see <see cref="State.DeposedObject"/>) rather than the current one.</param>
/// <param name="Arguments">
/// The arguments the change was planned from, when all of them were known at plan time: apply starts from them
/// rather than evaluating the lab again, unless a resource they refer to came out of the same apply otherwise than
/// the plan showed. Null when some were known only after apply, and for deletions.
/// </param>
public sealed record ResourceChange(
    ResourceAddress Address,
    ChangeAction Action,
    ChangeReason Reason,
    MapValue? Before,
    MapValue? After,
    ImmutableArray<string> ReplacePaths,
    ImmutableArray<ResourceAddress> Dependencies,
    Value? EachValue = null,
    string? DeposedKey = null,
    MapValue? Arguments = null)
{
    public bool Equals(ResourceChange? other) =>
        other is not null && Address.Equals(other.Address) && Action == other.Action && Reason == other.Reason &&
        Equals(Before, other.Before) && Equals(After, other.After) && ReplacePaths.SequenceEqual(other.ReplacePaths) &&
        DeposedKey == other.DeposedKey;

    public override int GetHashCode() => HashCode.Combine(Address, Action);
}
