using Hearth.Core.Addressing;
using Hearth.Core.Values;

namespace Hearth.Core.Resources;

/// <summary>An object found in a space the lab manages whole, at the address it would have if declared.</summary>
public sealed record UndeclaredObject(ResourceAddress Address, MapValue Attributes);
