using Hearth.Core.Addressing;
using Hearth.Core.Values;

namespace Hearth.Core.Resources;

/// <summary>Change the object behind <paramref name="Prior"/> in place to match <paramref name="Config"/>.</summary>
public sealed record UpdateRequest(ResourceAddress Address, string LabDirectory, MapValue Prior, MapValue Config, MapValue Planned) : ResourceRequest(Address, LabDirectory);
