using Hearth.Core.Addressing;
using Hearth.Core.Values;

namespace Hearth.Core.Resources;

/// <summary>Observe the object behind <paramref name="Prior"/>; the type returns what it finds, or null when it is gone.</summary>
public sealed record ReadRequest(ResourceAddress Address, string LabDirectory, MapValue Prior) : ResourceRequest(Address, LabDirectory);
