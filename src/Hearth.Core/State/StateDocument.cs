using System.Collections.Immutable;
using Hearth.Core.Addressing;

namespace Hearth.Core.State;

/// <summary>
/// The state: every resource instance Hearth manages, and the outputs. <see cref="Lineage"/> is fixed for the
/// life of a lab; <see cref="Serial"/> grows with every persisted change, so a saved plan or a push can tell
/// whether the state moved under it.
/// </summary>
public sealed record StateDocument(
    int Version,
    Guid Lineage,
    long Serial,
    ImmutableSortedDictionary<ResourceAddress, ResourceInstanceState> Resources,
    ImmutableSortedDictionary<string, OutputState> Outputs)
{
    /// <summary>Objects replaced by create-before-destroy and not yet deleted.</summary>
    public ImmutableArray<DeposedObject> Deposed { get; init; } = [];

    /// <summary>The format version this build writes and reads.</summary>
    public const int CurrentVersion = 1;

    public static StateDocument CreateNew() => new(
        CurrentVersion,
        Guid.NewGuid(),
        0,
        ImmutableSortedDictionary<ResourceAddress, ResourceInstanceState>.Empty,
        ImmutableSortedDictionary.Create<string, OutputState>(StringComparer.Ordinal));

    public bool IsEmpty => Resources.IsEmpty && Outputs.IsEmpty && Deposed.IsEmpty;

    public ResourceInstanceState? Find(ResourceAddress address) => Resources.GetValueOrDefault(address);

    /// <summary>Applies one change (without touching the serial; the backend decides when a write counts).</summary>
    public StateDocument With(StateChange change) => change switch
    {
        StateChange.PutResource put => this with { Resources = Resources.SetItem(put.Instance.Address, put.Instance) },
        StateChange.RemoveResource remove => this with { Resources = Resources.Remove(remove.Address) },
        StateChange.SetOutputs outputs => this with { Outputs = outputs.Outputs },
        StateChange.Depose depose => Find(depose.Address) is { } instance
            ? this with { Resources = Resources.Remove(depose.Address), Deposed = Deposed.Add(new DeposedObject(depose.Key, instance)) }
            : this,
        StateChange.RestoreDeposed restore => FindDeposed(restore.Address, restore.Key) is { } deposed && Find(restore.Address) is null
            ? this with { Resources = Resources.Add(deposed.Address, deposed.Instance), Deposed = Deposed.Remove(deposed) }
            : this,
        StateChange.ForgetDeposed forget => FindDeposed(forget.Address, forget.Key) is { } gone ? this with { Deposed = Deposed.Remove(gone) } : this,
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    public DeposedObject? FindDeposed(ResourceAddress address, string key) =>
        Deposed.FirstOrDefault(d => d.Key == key && d.Address.Equals(address));

    public bool Equals(StateDocument? other) =>
        other is not null && Version == other.Version && Lineage == other.Lineage && Serial == other.Serial &&
        Resources.Count == other.Resources.Count && Resources.All(r => other.Resources.TryGetValue(r.Key, out var o) && r.Value.Equals(o)) &&
        Outputs.Count == other.Outputs.Count && Outputs.All(o => other.Outputs.TryGetValue(o.Key, out var v) && o.Value.Equals(v)) &&
        Deposed.SequenceEqual(other.Deposed);

    public override int GetHashCode() => HashCode.Combine(Lineage, Serial, Resources.Count);
}
