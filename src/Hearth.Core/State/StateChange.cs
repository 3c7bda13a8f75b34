using System.Collections.Immutable;
using Hearth.Core.Addressing;

namespace Hearth.Core.State;

/// <summary>One durable change to the state, recorded the moment the operation behind it completes.</summary>
public abstract record StateChange
{
    private StateChange() { }

    public sealed record PutResource(ResourceInstanceState Instance) : StateChange;

    public sealed record RemoveResource(ResourceAddress Address) : StateChange;

    public sealed record SetOutputs(ImmutableSortedDictionary<string, OutputState> Outputs) : StateChange;
}
