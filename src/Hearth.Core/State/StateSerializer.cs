using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Values;

namespace Hearth.Core.State;

/// <summary>
/// The JSON form of <see cref="StateDocument"/> (format <see cref="StateDocument.CurrentVersion"/>). Attributes are
/// stored as plain JSON; the paths of sensitive ones are listed beside them so they stay redacted after a reload.
/// </summary>
public static class StateSerializer
{
    /// <summary>Indented, and without HTML-safe escaping: quotes in addresses stay readable as <c>\"</c>.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The same, on one line (journal records).</summary>
    public static readonly JsonWriterOptions CompactWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(StateDocument state, Stream stream, string hearthVersion)
    {
        using var writer = new Utf8JsonWriter(stream, WriterOptions);
        writer.WriteStartObject();
        writer.WriteNumber("version", state.Version);
        writer.WriteString("hearth_version", hearthVersion);
        writer.WriteString("lineage", state.Lineage);
        writer.WriteNumber("serial", state.Serial);
        writer.WriteStartArray("resources");
        foreach (var instance in state.Resources.Values)
            WriteInstance(writer, instance);
        writer.WriteEndArray();
        if (!state.Deposed.IsEmpty)
        {
            writer.WriteStartArray("deposed");
            foreach (var deposed in state.Deposed)
                WriteInstance(writer, deposed.Instance, deposed.Key);
            writer.WriteEndArray();
        }
        writer.WritePropertyName("outputs");
        WriteOutputs(writer, state.Outputs);
        writer.WriteEndObject();
    }

    public static void WriteOutputs(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, OutputState>> outputs)
    {
        writer.WriteStartObject();
        foreach (var (name, output) in outputs)
        {
            writer.WriteStartObject(name);
            writer.WritePropertyName("value");
            ValueJson.Write(writer, output.Value);
            writer.WriteBoolean("sensitive", output.Sensitive);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    public static ImmutableSortedDictionary<string, OutputState> ReadOutputs(JsonElement element)
    {
        var outputs = ImmutableSortedDictionary.CreateBuilder<string, OutputState>(StringComparer.Ordinal);
        foreach (var output in element.EnumerateObject())
        {
            var sensitive = output.Value.TryGetProperty("sensitive", out var s) && s.GetBoolean();
            var value = ValueJson.Read(output.Value.GetProperty("value"));
            outputs[output.Name] = new OutputState(sensitive ? value.MarkSensitive() : value, sensitive);
        }
        return outputs.ToImmutable();
    }

    public static byte[] ToBytes(StateDocument state, string hearthVersion)
    {
        using var buffer = new MemoryStream();
        Write(state, buffer, hearthVersion);
        return buffer.ToArray();
    }

    public static void WriteInstance(Utf8JsonWriter writer, ResourceInstanceState instance, string? deposedKey = null)
    {
        writer.WriteStartObject();
        writer.WriteString("address", instance.Address.ToString());
        if (deposedKey is not null)
            writer.WriteString("deposed_key", deposedKey);
        writer.WriteString("kind", instance.Address.Kind);
        writer.WriteString("name", instance.Address.Name);
        if (instance.Address.Key is { } key)
            writer.WriteString("for_each_key", key);
        writer.WritePropertyName("attributes");
        ValueJson.Write(writer, instance.Attributes);
        var sensitive = instance.Attributes.SensitivePaths();
        if (sensitive.Count > 0)
        {
            // Each path is an array of steps (key strings, index numbers): map keys may contain dots.
            writer.WriteStartArray("sensitive_attributes");
            foreach (var path in sensitive)
            {
                writer.WriteStartArray();
                foreach (var step in path.Steps)
                {
                    if (step is int index)
                        writer.WriteNumberValue(index);
                    else
                        writer.WriteStringValue((string)step);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        if (!instance.Dependencies.IsEmpty)
        {
            writer.WriteStartArray("dependencies");
            foreach (var dependency in instance.Dependencies)
                writer.WriteStringValue(dependency.ToString());
            writer.WriteEndArray();
        }
        if (instance.Tainted)
            writer.WriteBoolean("tainted", true);
        if (instance.CreateBeforeDestroy)
            writer.WriteBoolean("create_before_destroy", true);
        writer.WriteEndObject();
    }

    /// <exception cref="StateException">The document is not a state this build can read.</exception>
    public static StateDocument Read(ReadOnlySpan<byte> json, string source)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            var version = root.GetProperty("version").GetInt32();
            if (version > StateDocument.CurrentVersion)
                throw new StateException($"{source} has state format version {version}, newer than this build reads ({StateDocument.CurrentVersion})",
                    "upgrade hearth to the version that wrote it");
            var resources = ImmutableSortedDictionary.CreateBuilder<ResourceAddress, ResourceInstanceState>();
            foreach (var element in root.GetProperty("resources").EnumerateArray())
            {
                var instance = ReadInstance(element);
                resources[instance.Address] = instance;
            }
            var outputs = root.TryGetProperty("outputs", out var outputsElement)
                ? ReadOutputs(outputsElement)
                : ImmutableSortedDictionary.Create<string, OutputState>(StringComparer.Ordinal);
            var deposed = root.TryGetProperty("deposed", out var deposedElement)
                ? deposedElement.EnumerateArray().Select(d => new DeposedObject(d.GetProperty("deposed_key").GetString()!, ReadInstance(d))).ToImmutableArray()
                : [];
            return new StateDocument(version, root.GetProperty("lineage").GetGuid(), root.GetProperty("serial").GetInt64(),
                resources.ToImmutable(), outputs) { Deposed = deposed };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new StateException($"{source} is not a valid state document: {e.Message}",
                "restore it from the .backup file beside it, or from version control", e);
        }
    }

    /// <summary>A path as an array of steps; the dotted text form of earlier builds is still read.</summary>
    private static ValuePath ReadPath(JsonElement path) => path.ValueKind == JsonValueKind.String
        ? ValuePath.Parse(path.GetString()!)
        : new([.. path.EnumerateArray().Select(step => step.ValueKind == JsonValueKind.Number ? (object)step.GetInt32() : step.GetString()!)]);

    public static ResourceInstanceState ReadInstance(JsonElement element)
    {
        var address = ResourceAddress.Parse(element.GetProperty("address").GetString()!);
        var attributes = ValueJson.Read(element.GetProperty("attributes"));
        if (element.TryGetProperty("sensitive_attributes", out var sensitive))
            attributes = attributes.WithSensitivePaths(sensitive.EnumerateArray().Select(ReadPath));
        var dependencies = element.TryGetProperty("dependencies", out var deps)
            ? deps.EnumerateArray().Select(d => ResourceAddress.Parse(d.GetString()!)).ToImmutableArray()
            : [];
        return new ResourceInstanceState(
            address,
            attributes as MapValue ?? throw new FormatException($"attributes of {address} must be an object"),
            dependencies,
            element.TryGetProperty("tainted", out var tainted) && tainted.GetBoolean(),
            element.TryGetProperty("create_before_destroy", out var cbd) && cbd.GetBoolean());
    }
}
