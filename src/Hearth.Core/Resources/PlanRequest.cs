using Hearth.Core.Addressing;
using Hearth.Core.Values;

namespace Hearth.Core.Resources;

/// <summary>Work out, before apply, what the object will hold: computed attributes that can already be known are filled in.</summary>
public sealed record PlanRequest(ResourceAddress Address, string LabDirectory, MapValue Config, MapValue? Prior);
