using System.Globalization;
using Hearth.Core.Values;

namespace Hearth.Core.Resources;

/// <summary>The type an attribute accepts. Conversion follows Terraform's habits: numbers and bools become strings where a string is wanted.</summary>
public abstract record AttributeType
{
    public static readonly AttributeType String = new PrimitiveType("string");
    public static readonly AttributeType Number = new PrimitiveType("number");
    public static readonly AttributeType Bool = new PrimitiveType("bool");
    public static readonly AttributeType Any = new PrimitiveType("any");

    public static AttributeType ListOf(AttributeType element) => new ListType(element);

    public static AttributeType MapOf(AttributeType element) => new MapType(element);

    /// <summary>Converts <paramref name="value"/> to this type, or returns null when it cannot be.</summary>
    public abstract Value? Convert(Value value);

    private sealed record PrimitiveType(string Name) : AttributeType
    {
        public override Value? Convert(Value value)
        {
            if (value is SensitiveValue marked)
                return Convert(marked.Inner)?.MarkSensitive();
            if (value is UnknownValue or NullValue || Name == "any")
                return value;
            return (Name, value) switch
            {
                ("string", StringValue) => value,
                ("string", NumberValue or BoolValue) => Value.String(value.ToText()),
                ("number", NumberValue) => value,
                ("number", StringValue text) when decimal.TryParse(text.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => Value.Number(n),
                ("bool", BoolValue) => value,
                ("bool", StringValue { Text: "true" or "false" } text) => Value.Bool(text.Text == "true"),
                _ => null,
            };
        }

        public override string ToString() => Name;
    }

    private sealed record ListType(AttributeType Element) : AttributeType
    {
        public override Value? Convert(Value value)
        {
            if (value is SensitiveValue s)
                return Convert(s.Inner)?.MarkSensitive();
            if (value is UnknownValue or NullValue)
                return value;
            if (value is not ListValue list)
                return null;
            var items = new List<Value>(list.Items.Count);
            var changed = false;
            foreach (var item in list.Items)
            {
                if (Element.Convert(item) is not { } converted)
                    return null;
                items.Add(converted);
                changed |= !ReferenceEquals(converted, item);
            }
            return changed ? Value.List(items) : list;
        }

        public override string ToString() => $"list of {Element}";
    }

    private sealed record MapType(AttributeType Element) : AttributeType
    {
        public override Value? Convert(Value value)
        {
            if (value is SensitiveValue s)
                return Convert(s.Inner)?.MarkSensitive();
            if (value is UnknownValue or NullValue)
                return value;
            if (value is not MapValue map)
                return null;
            var entries = map.Entries.Select(e => KeyValuePair.Create(e.Key, Element.Convert(e.Value))).ToList();
            return entries.Any(e => e.Value is null) ? null : Value.Map(entries!);
        }

        public override string ToString() => $"map of {Element}";
    }
}
