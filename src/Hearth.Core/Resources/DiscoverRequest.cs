using Hearth.Core.Addressing;
using Hearth.Core.Values;

namespace Hearth.Core.Resources;

/// <summary>Find what the space behind <paramref name="Config"/> holds beyond the <paramref name="Known"/> addresses (the lab's and the state's).</summary>
public sealed record DiscoverRequest(ResourceAddress Address, string LabDirectory, MapValue Config, IReadOnlySet<ResourceAddress> Known)
    : ResourceRequest(Address, LabDirectory);
