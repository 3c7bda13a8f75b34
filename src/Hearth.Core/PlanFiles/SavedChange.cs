using Hearth.Core.Addressing;
using Hearth.Core.Planning;

namespace Hearth.Core.PlanFiles;

/// <summary>One change of a saved plan, with the digest of what it would write (null in plan files from before digests).</summary>
public sealed record SavedChange(ResourceAddress Address, ChangeAction Action, string? Digest);
