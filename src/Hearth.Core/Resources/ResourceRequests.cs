using Hearth.Core.Addressing;
using Hearth.Core.Values;

namespace Hearth.Core.Resources;

/// <summary>What every operation knows: which instance, and the lab's directory (relative paths resolve against it).</summary>
public abstract record ResourceRequest(ResourceAddress Address, string LabDirectory);

/// <summary>Observe the object behind <paramref name="Prior"/>; the type returns what it finds, or null when it is gone.</summary>
public sealed record ReadRequest(ResourceAddress Address, string LabDirectory, MapValue Prior) : ResourceRequest(Address, LabDirectory);

/// <summary>Make a new object from <paramref name="Config"/> (the lab's arguments, defaults applied).</summary>
public sealed record CreateRequest(ResourceAddress Address, string LabDirectory, MapValue Config, MapValue Planned) : ResourceRequest(Address, LabDirectory);

/// <summary>Change the object behind <paramref name="Prior"/> in place to match <paramref name="Config"/>.</summary>
public sealed record UpdateRequest(ResourceAddress Address, string LabDirectory, MapValue Prior, MapValue Config, MapValue Planned) : ResourceRequest(Address, LabDirectory);

/// <summary>Remove the object behind <paramref name="Prior"/>; removing one that is already gone is not an error.</summary>
public sealed record DeleteRequest(ResourceAddress Address, string LabDirectory, MapValue Prior) : ResourceRequest(Address, LabDirectory);

/// <summary>Find an existing object by its provider-side <paramref name="Id"/> to adopt it into state.</summary>
public sealed record ImportRequest(ResourceAddress Address, string LabDirectory, string Id) : ResourceRequest(Address, LabDirectory);

/// <summary>Work out, before apply, what the object will hold: computed attributes that can already be known are filled in.</summary>
public sealed record PlanRequest(ResourceAddress Address, string LabDirectory, MapValue Config, MapValue? Prior);
