using Hearth.Core.Addressing;

namespace Hearth.Core.Resources;

/// <summary>Find an existing object by its provider-side <paramref name="Id"/> to adopt it into state.</summary>
public sealed record ImportRequest(ResourceAddress Address, string LabDirectory, string Id) : ResourceRequest(Address, LabDirectory)
{
    /// <summary>
    /// The lab's arguments for the address, when they can be evaluated without a plan (literals, variables, the
    /// state); null otherwise. A kind whose objects live inside something the lab names (a record in a zone) finds
    /// them through it.
    /// </summary>
    public Values.MapValue? Config { get; init; }
}
