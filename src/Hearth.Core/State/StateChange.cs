using System.Collections.Immutable;
using Hearth.Core.Addressing;

namespace Hearth.Core.State;

/// <summary>One durable change to the state, recorded the moment the operation behind it completes.</summary>
public abstract record StateChange
{
    private StateChange() { }

    public sealed record PutResource(ResourceInstanceState Instance) : StateChange;

    public sealed record RemoveResource(ResourceAddress Address) : StateChange;

    /// <summary>A create-before-destroy replacement starts: the current object steps aside under <paramref name="Key"/>.</summary>
    public sealed record Depose(ResourceAddress Address, string Key) : StateChange;

    /// <summary>The replacement's create failed without making anything: the deposed object is current again.</summary>
    public sealed record RestoreDeposed(ResourceAddress Address, string Key) : StateChange;

    /// <summary>The deposed object is gone.</summary>
    public sealed record ForgetDeposed(ResourceAddress Address, string Key) : StateChange;

    public sealed record SetOutputs(ImmutableSortedDictionary<string, OutputState> Outputs) : StateChange;
}
