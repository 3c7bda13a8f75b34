using System.Text.Json;
using Hearth.Core.Resources;
using Hearth.Core.Values;

namespace Hearth.Storage.Resources;

/// <summary>
/// A bucket's CORS rules in the lab's words (<c>name</c>, <c>allowed_origins</c>, <c>allowed_operations</c>,
/// <c>allowed_headers</c>, <c>expose_headers</c>, <c>max_age_seconds</c>) and B2's JSON; B2 keeps them in order.
/// </summary>
internal static class B2CorsRules
{
    public static readonly string[] Fields = ["name", "allowed_origins", "allowed_operations", "allowed_headers", "expose_headers", "max_age_seconds"];

    private static readonly string[] JsonFields = ["corsRuleName", "allowedOrigins", "allowedOperations", "allowedHeaders", "exposeHeaders", "maxAgeSeconds"];

    /// <summary>Every field present, lists empty rather than missing, so the lab's and B2's rules compare equal.</summary>
    public static Value Canonical(IEnumerable<Value> rules) => Value.List(rules.OfType<MapValue>().Select(r => (Value)new MapValue(ValueMap.Empty)
        .With("name", Value.String(r.GetString("name") ?? ""))
        .With("allowed_origins", Strings(r.GetStrings("allowed_origins")))
        .With("allowed_operations", Strings(r.GetStrings("allowed_operations")))
        .With("allowed_headers", Strings(r.GetStrings("allowed_headers")))
        .With("expose_headers", Strings(r.GetStrings("expose_headers")))
        .With("max_age_seconds", Value.Number(r.GetNumber("max_age_seconds") ?? 0))));

    public static Value Of(JsonElement? cors)
    {
        if (cors is not { ValueKind: JsonValueKind.Array } rules)
            return Value.List([]);
        return Value.List(rules.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object).Select(r => (Value)new MapValue(ValueMap.Empty)
            .With("name", Value.String(r.TryGetProperty("corsRuleName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : ""))
            .With("allowed_origins", Strings(r, "allowedOrigins"))
            .With("allowed_operations", Strings(r, "allowedOperations"))
            .With("allowed_headers", Strings(r, "allowedHeaders"))
            .With("expose_headers", Strings(r, "exposeHeaders"))
            .With("max_age_seconds", Value.Number(r.TryGetProperty("maxAgeSeconds", out var age) && age.ValueKind == JsonValueKind.Number ? age.GetInt64() : 0))));
    }

    public static JsonElement Json(Value? rules)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var rule in (rules is ListValue list ? Canonical(list.Items) as ListValue : null)?.Items.Cast<MapValue>() ?? [])
            {
                writer.WriteStartObject();
                writer.WriteString(JsonFields[0], rule.GetString("name"));
                for (var i = 1; i < 5; i++)
                {
                    writer.WriteStartArray(JsonFields[i]);
                    foreach (var item in rule.GetStrings(Fields[i]))
                        writer.WriteStringValue(item);
                    writer.WriteEndArray();
                }
                writer.WriteNumber(JsonFields[5], (long)(rule.GetNumber("max_age_seconds") ?? 0));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>What B2 would refuse: a rule without a name, origins or operations, or a max age beyond a day.</summary>
    public static IEnumerable<string> Problems(Value? cors)
    {
        if (cors is not ListValue { ContainsUnknown: false } rules)
            yield break;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules.Items)
        {
            if (rule is not MapValue map)
            {
                yield return "a CORS rule must be a mapping";
                continue;
            }
            var name = map.GetString("name") ?? "";
            if (name.Length is < 6 or > 50)
                yield return $"CORS rule name `{name}` must be 6 to 50 characters";
            if (!names.Add(name))
                yield return $"CORS rule name `{name}` is used twice";
            if (map.GetStrings("allowed_origins").Count == 0)
                yield return $"CORS rule {name} needs allowed_origins";
            if (map.GetStrings("allowed_operations").Count == 0)
                yield return $"CORS rule {name} needs allowed_operations";
            if (map.GetNumber("max_age_seconds") is { } age && (age < 0 || age > 86_400))
                yield return $"CORS rule {name}: max_age_seconds is 0 to 86400";
        }
    }

    private static Value Strings(IEnumerable<string> items) => Value.List(items.Select(Value.String));

    private static Value Strings(JsonElement rule, string field) =>
        rule.TryGetProperty(field, out var list) && list.ValueKind == JsonValueKind.Array
            ? Strings(list.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!))
            : Value.List([]);
}
