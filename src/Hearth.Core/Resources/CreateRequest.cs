using Hearth.Core.Addressing;
using Hearth.Core.Values;

namespace Hearth.Core.Resources;

/// <summary>Make a new object from <paramref name="Config"/> (the lab's arguments, defaults applied).</summary>
public sealed record CreateRequest(ResourceAddress Address, string LabDirectory, MapValue Config, MapValue Planned) : ResourceRequest(Address, LabDirectory);
