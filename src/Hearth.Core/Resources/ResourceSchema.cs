using System.Collections.Immutable;

namespace Hearth.Core.Resources;

/// <summary>The attributes of a resource kind.</summary>
public sealed record ResourceSchema(ImmutableArray<AttributeSchema> Attributes)
{
    public AttributeSchema? Find(string name)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Name == name)
                return attribute;
        }
        return null;
    }

    /// <summary>The attributes a lab may set, in schema order (read for every instance planned and applied).</summary>
    public ImmutableArray<AttributeSchema> Settable
    {
        get
        {
            // Computed once per attribute list; `with { Attributes = … }` copies this field, so it checks whose it is.
            if (_settable is not { } cached || cached.Of != Attributes)
                _settable = cached = new SettableAttributes(Attributes, [.. Attributes.Where(a => a.IsSettable)]);
            return cached.Settable;
        }
    }

    private SettableAttributes? _settable;

    private sealed record SettableAttributes(ImmutableArray<AttributeSchema> Of, ImmutableArray<AttributeSchema> Settable);

    public bool Equals(ResourceSchema? other) => other is not null && Attributes.SequenceEqual(other.Attributes);

    public override int GetHashCode() => Attributes.Length;
}
