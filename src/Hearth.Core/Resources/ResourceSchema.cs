using System.Collections.Immutable;

namespace Hearth.Core.Resources;

/// <summary>The attributes of a resource kind.</summary>
public sealed record ResourceSchema(ImmutableArray<AttributeSchema> Attributes)
{
    public AttributeSchema? Find(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    public IEnumerable<AttributeSchema> Settable => Attributes.Where(a => a.IsSettable);

    public bool Equals(ResourceSchema? other) => other is not null && Attributes.SequenceEqual(other.Attributes);

    public override int GetHashCode() => Attributes.Length;
}
