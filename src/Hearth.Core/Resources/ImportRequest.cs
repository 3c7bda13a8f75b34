using Hearth.Core.Addressing;

namespace Hearth.Core.Resources;

/// <summary>Find an existing object by its provider-side <paramref name="Id"/> to adopt it into state.</summary>
public sealed record ImportRequest(ResourceAddress Address, string LabDirectory, string Id) : ResourceRequest(Address, LabDirectory);
