using System.Text.Json;
using Hearth.Core.State;
using Hearth.Core.Values;

namespace Hearth.Cli.Rendering;

/// <summary>The state as JSON for <c>hearth show --json</c>, with every sensitive value replaced by null (use <c>state pull</c> for the raw document).</summary>
internal static class StateJsonView
{
    public static string Redacted(StateDocument state, string hearthVersion)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, StateSerializer.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("format_version", "1.0");
            writer.WriteString("hearth_version", hearthVersion);
            writer.WriteString("lineage", state.Lineage);
            writer.WriteNumber("serial", state.Serial);
            writer.WriteStartArray("resources");
            var everything = state.Resources.Values.Select(i => (Instance: i, DeposedKey: (string?)null))
                .Concat(state.Deposed.Select(d => (d.Instance, DeposedKey: (string?)d.Key)));
            foreach (var (instance, deposedKey) in everything)
            {
                writer.WriteStartObject();
                writer.WriteString("address", instance.Address.ToString());
                if (deposedKey is not null)
                    writer.WriteString("deposed_key", deposedKey);
                writer.WriteString("type", instance.Kind);
                writer.WriteString("name", instance.Address.Name);
                if (instance.Address.Key is not null)
                    writer.WriteString("index", instance.Address.Key);
                writer.WritePropertyName("values");
                ValueJson.Write(writer, Redact(instance.Attributes));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartObject("outputs");
            foreach (var (name, output) in state.Outputs)
            {
                writer.WriteStartObject(name);
                writer.WriteBoolean("sensitive", output.Sensitive);
                writer.WritePropertyName("value");
                ValueJson.Write(writer, output.Sensitive ? Value.Null : Redact(output.Value));
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Value Redact(Value value) => value switch
    {
        SensitiveValue => Value.Null,
        ListValue l => Value.List(l.Items.Select(Redact)),
        MapValue m => Value.Map(m.Entries.Select(e => KeyValuePair.Create(e.Key, Redact(e.Value)))),
        _ => value,
    };
}
