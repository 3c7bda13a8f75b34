using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hearth.Core.Values;

/// <summary>Converts values to and from JSON, the form state and plan files keep them in.</summary>
public static class ValueJson
{
    /// <summary>Writes <paramref name="value"/>; sensitive marks are dropped (callers record the paths), unknowns are refused.</summary>
    public static void Write(Utf8JsonWriter writer, Value value)
    {
        switch (value)
        {
            case NullValue:
                writer.WriteNullValue();
                break;
            case StringValue s:
                writer.WriteStringValue(s.Text);
                break;
            case NumberValue n:
                writer.WriteNumberValue(n.Amount);
                break;
            case BoolValue b:
                writer.WriteBooleanValue(b.Flag);
                break;
            case ListValue l:
                writer.WriteStartArray();
                foreach (var item in l.Items)
                    Write(writer, item);
                writer.WriteEndArray();
                break;
            case MapValue m:
                writer.WriteStartObject();
                foreach (var (key, item) in m.Entries)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }
                writer.WriteEndObject();
                break;
            case SensitiveValue s:
                Write(writer, s.Inner);
                break;
            default:
                throw new InvalidOperationException("an unknown value cannot be written; it is only known after apply");
        }
    }

    public static Value Read(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => Value.Null,
        JsonValueKind.String => Value.String(element.GetString()!),
        JsonValueKind.Number => Value.Number(element.GetDecimal()),
        JsonValueKind.True => Value.True,
        JsonValueKind.False => Value.False,
        JsonValueKind.Array => Value.List(element.EnumerateArray().Select(Read)),
        JsonValueKind.Object => Value.Map(element.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Read(p.Value)))),
        _ => throw new JsonException($"unexpected JSON {element.ValueKind}"),
    };

    public static JsonNode? ToNode(Value value) => value switch
    {
        NullValue => null,
        StringValue s => JsonValue.Create(s.Text),
        NumberValue n => JsonValue.Create(n.Amount),
        BoolValue b => JsonValue.Create(b.Flag),
        ListValue l => new JsonArray([.. l.Items.Select(ToNode)]),
        MapValue m => new JsonObject(m.Entries.Select(e => KeyValuePair.Create(e.Key, ToNode(e.Value)))),
        SensitiveValue s => ToNode(s.Inner),
        _ => throw new InvalidOperationException("an unknown value cannot be written; it is only known after apply"),
    };

    public static Value FromNode(JsonNode? node) => node switch
    {
        null => Value.Null,
        JsonObject o => Value.Map(o.Select(p => KeyValuePair.Create(p.Key, FromNode(p.Value)))),
        JsonArray a => Value.List(a.Select(FromNode)),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => Value.String(v.GetValue<string>()),
            JsonValueKind.Number => Value.Number(v.GetValue<decimal>()),
            JsonValueKind.True => Value.True,
            JsonValueKind.False => Value.False,
            _ => Value.Null,
        },
        _ => throw new JsonException("unexpected JSON node"),
    };
}
