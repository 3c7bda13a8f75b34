using Hearth.Core.Values;

namespace Hearth.Core.Resources;

/// <summary>Marks the attributes a schema declares sensitive, whatever the resource type returned.</summary>
public static class SchemaMarks
{
    public static MapValue Apply(ResourceSchema schema, MapValue obj)
    {
        var entries = obj.Entries;
        foreach (var attribute in schema.Attributes.Where(a => a.Sensitive))
        {
            if (entries.TryGetValue(attribute.Name, out var value) && value is not (SensitiveValue or NullValue))
                entries = entries.SetItem(attribute.Name, value.MarkSensitive());
        }
        return ReferenceEquals(entries, obj.Entries) ? obj : new MapValue(entries);
    }
}
