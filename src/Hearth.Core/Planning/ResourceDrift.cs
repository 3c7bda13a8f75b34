using Hearth.Core.Addressing;
using Hearth.Core.Values;

namespace Hearth.Core.Planning;

/// <summary>An object that changed outside Hearth since the state was written; <see cref="After"/> is null when it was deleted.</summary>
public sealed record ResourceDrift(ResourceAddress Address, MapValue Before, MapValue? After);
