using Hearth.Core.Values;

namespace Hearth.Core.Resources;

/// <summary>One attribute of a resource kind.</summary>
/// <param name="ForcesReplacement">Changing it cannot be done in place: the object is replaced.</param>
/// <param name="Default">The value an optional attribute takes when the lab leaves it out.</param>
public sealed record AttributeSchema(
    string Name,
    AttributeType Type,
    AttributeUse Use,
    string Description,
    bool Sensitive = false,
    bool ForcesReplacement = false,
    Value? Default = null)
{
    public bool IsSettable => Use is not AttributeUse.Computed;

    public bool IsComputed => Use is AttributeUse.Computed or AttributeUse.OptionalComputed;
}
