using Hearth.Core.Addressing;
using Hearth.Core.Values;

namespace Hearth.Core.Resources;

/// <summary>Remove the object behind <paramref name="Prior"/>; removing one that is already gone is not an error.</summary>
public sealed record DeleteRequest(ResourceAddress Address, string LabDirectory, MapValue Prior) : ResourceRequest(Address, LabDirectory);
