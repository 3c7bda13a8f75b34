using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Stores;

/// <summary>SOPS JSON: an object at the top; integers that fit 64 bits are ints, other numbers floats; written tab-indented.</summary>
public sealed class JsonSopsStore(int indent = 1, char indentCharacter = '\t') : ISopsStore
{
    public string Name => "json";

    /// <exception cref="SecretsException">Not a JSON object, or no <c>sops</c> metadata.</exception>
    public static SopsDocument Read(string text, string fileName) =>
        new JsonSopsStore().Parse(Encoding.UTF8.GetBytes(text), fileName).ToDocument(fileName);

    public SopsParsed Parse(byte[] content, string fileName)
    {
        SopsNode root;
        try
        {
            using var document = JsonDocument.Parse(content);
            root = Convert(document.RootElement, fileName);
        }
        catch (JsonException e)
        {
            throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: invalid JSON", null, e);
        }
        catch (InvalidOperationException e)
        {
            // The reader checks structure only; a string's bytes are decoded when it is read, here.
            throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}: invalid JSON: a string is not valid UTF-8 or holds a lone surrogate escape", null, e);
        }
        if (root is not SopsMap map)
            throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}: a SOPS JSON file must be an object at the top");
        return new SopsParsed([map.Without("sops")], map.Get("sops") as SopsMap);
    }

    private static SopsNode Convert(JsonElement element, string fileName) => element.ValueKind switch
    {
        JsonValueKind.Object => new SopsMap([.. element.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Convert(p.Value, fileName)))]),
        JsonValueKind.Array => new SopsList([.. element.EnumerateArray().Select(e => Convert(e, fileName))]),
        JsonValueKind.String => new SopsScalar(element.GetString()),
        JsonValueKind.Number => new SopsScalar(Number(element, fileName)),
        JsonValueKind.True => new SopsScalar(true),
        JsonValueKind.False => new SopsScalar(false),
        _ => new SopsScalar(null),
    };

    /// <summary>An int when it is one that fits 64 bits (kept a long, not widened to a double), else a float.</summary>
    private static object Number(JsonElement element, string fileName)
    {
        if (element.TryGetInt64(out var integer))
            return integer;
        if (element.TryGetDouble(out var number) && double.IsFinite(number))
            return number;
        throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}: the number {element.GetRawText()} is out of range", "a JSON number must fit a 64-bit float");
    }

    public byte[] Write(IReadOnlyList<SopsMap> documents, SopsMap? metadata)
    {
        var document = documents.Count == 0 ? SopsMap.Empty : documents[0];
        using var buffer = new MemoryStream();
        var options = new JsonWriterOptions
        {
            Indented = true,
            IndentCharacter = indentCharacter,
            IndentSize = indent,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var writer = new Utf8JsonWriter(buffer, options))
            WriteNode(writer, metadata is null ? document : document.With("sops", metadata));
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteNode(Utf8JsonWriter writer, SopsNode node)
    {
        switch (node)
        {
            case SopsMap map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Values)
                {
                    writer.WritePropertyName(key);
                    WriteNode(writer, value);
                }
                writer.WriteEndObject();
                break;
            case SopsList list:
                writer.WriteStartArray();
                foreach (var item in list.Items.Where(i => i is not SopsComment))
                    WriteNode(writer, item);
                writer.WriteEndArray();
                break;
            case SopsScalar { Value: string text }:
                writer.WriteStringValue(text);
                break;
            case SopsScalar { Value: byte[] bytes }:
                writer.WriteStringValue(Encoding.UTF8.GetString(bytes));
                break;
            case SopsScalar { Value: long number }:
                writer.WriteNumberValue(number);
                break;
            case SopsScalar { Value: double number }:
                // Written as -0 it would read back as the int 0, whose MAC text ("0") is not the float's ("-0").
                if (number == 0 && double.IsNegative(number))
                    writer.WriteRawValue("-0.0");
                else if (double.IsFinite(number))
                    writer.WriteNumberValue(number);
                else
                    writer.WriteStringValue(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case SopsScalar { Value: bool flag }:
                writer.WriteBooleanValue(flag);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
