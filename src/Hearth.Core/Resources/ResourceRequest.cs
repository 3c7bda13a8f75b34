using Hearth.Core.Addressing;

namespace Hearth.Core.Resources;

/// <summary>What every operation knows: which instance, and the lab's directory (relative paths resolve against it).</summary>
public abstract record ResourceRequest(ResourceAddress Address, string LabDirectory);
