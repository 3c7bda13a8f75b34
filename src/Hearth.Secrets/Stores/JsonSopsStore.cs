using System.Text.Json;
using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Stores;

/// <summary>Reads SOPS JSON (and the binary store, which is JSON with one <c>data</c> value): integers that fit 64 bits are ints, other numbers floats.</summary>
public static class JsonSopsStore
{
    /// <exception cref="SecretsException">Not a JSON object, or no <c>sops</c> metadata.</exception>
    public static SopsDocument Read(string text, string fileName)
    {
        SopsNode root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = Convert(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}: invalid JSON at line {e.LineNumber + 1}", null, e);
        }
        if (root is not SopsMap map)
            throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}: a SOPS JSON file must be an object at the top");
        var metadata = map.Get("sops") as SopsMap ?? throw YamlSopsStore.NotSops(fileName);
        return new SopsDocument([new SopsMap([.. map.Entries.Where(e => e.Key != "sops")])], SopsMetadata.From(metadata));
    }

    private static SopsNode Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new SopsMap([.. element.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Convert(p.Value)))]),
        JsonValueKind.Array => new SopsList([.. element.EnumerateArray().Select(Convert)]),
        JsonValueKind.String => new SopsScalar(element.GetString()),
        JsonValueKind.Number => new SopsScalar(element.TryGetInt64(out var integer) ? integer : element.GetDouble()),
        JsonValueKind.True => new SopsScalar(true),
        JsonValueKind.False => new SopsScalar(false),
        _ => new SopsScalar(null),
    };
}
