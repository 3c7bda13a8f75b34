using System.Collections.Immutable;
using Hearth.Core.Addressing;
using Hearth.Core.Values;

namespace Hearth.Core.State;

/// <summary>
/// What the state knows of one resource instance: its attributes as last read or written (sensitive ones
/// marked), the addresses it depended on when it was written, and whether its creation failed half-way.
/// </summary>
public sealed record ResourceInstanceState(
    ResourceAddress Address,
    MapValue Attributes,
    ImmutableArray<ResourceAddress> Dependencies,
    bool Tainted = false,
    bool CreateBeforeDestroy = false)
{
    public string Kind => Address.Kind;

    public bool Equals(ResourceInstanceState? other) =>
        other is not null && Address.Equals(other.Address) && Attributes.Equals(other.Attributes) &&
        Dependencies.SequenceEqual(other.Dependencies) && Tainted == other.Tainted &&
        CreateBeforeDestroy == other.CreateBeforeDestroy;

    public override int GetHashCode() => HashCode.Combine(Address, Attributes, Tainted);
}
