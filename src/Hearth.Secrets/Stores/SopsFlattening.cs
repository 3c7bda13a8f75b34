using System.Globalization;
using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Stores;

/// <summary>
/// The metadata of flat formats (dotenv, INI): nested keys joined with <c>__map_</c> and list positions with
/// <c>__list_N</c>, e.g. <c>age__list_0__map_enc</c>.
/// </summary>
internal static class SopsFlattening
{
    public static IEnumerable<KeyValuePair<string, string>> Flatten(SopsMap map, string prefix = "")
    {
        foreach (var (key, value) in map.Values)
        {
            foreach (var flat in Flatten(value, prefix + (prefix.Length == 0 ? key : "__map_" + key)))
                yield return flat;
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Flatten(SopsNode node, string key) => node switch
    {
        SopsMap map => map.Values.SelectMany(e => Flatten(e.Value, key + "__map_" + e.Key)),
        SopsList list => list.Items.Where(i => i is not SopsComment).SelectMany((item, i) => Flatten(item, key + "__list_" + i.ToString(CultureInfo.InvariantCulture))),
        SopsScalar scalar => [KeyValuePair.Create(key, ValueText(scalar.Value))],
        _ => [],
    };

    /// <summary>A scalar as flat formats write it (Go's ValToString).</summary>
    public static string ValueText(object? value) => value switch
    {
        null => "",
        bool flag => flag ? "true" : "false",
        long number => number.ToString(CultureInfo.InvariantCulture),
        double number => number == Math.Floor(number) && Math.Abs(number) < 1e15 ? number.ToString("0.0", CultureInfo.InvariantCulture) : number.ToString("R", CultureInfo.InvariantCulture),
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Rebuilds the metadata tree from flattened keys.</summary>
    /// <exception cref="SecretsException">A key does not follow the flattening scheme.</exception>
    public static SopsMap Unflatten(IEnumerable<KeyValuePair<string, string>> flat, string fileName)
    {
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in flat)
        {
            var parts = key.Split("__");
            object container = root;
            for (var i = 0; i < parts.Length; i++)
            {
                var last = i == parts.Length - 1;
                object Create() => last ? value
                    : parts[i + 1].StartsWith("list_", StringComparison.Ordinal) ? new SortedDictionary<int, object>()
                    : new Dictionary<string, object>(StringComparer.Ordinal);
                container = container switch
                {
                    SortedDictionary<int, object> list when parts[i].StartsWith("list_", StringComparison.Ordinal) &&
                        int.TryParse(parts[i]["list_".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var index) =>
                        GetOrAdd(list, index, Create),
                    Dictionary<string, object> map =>
                        GetOrAdd(map, parts[i].StartsWith("map_", StringComparison.Ordinal) ? parts[i]["map_".Length..] : parts[i], Create),
                    _ => throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}: malformed SOPS metadata key `{key}`"),
                };
            }
        }
        return (SopsMap)ToNode(root);
    }

    private static object GetOrAdd<TKey>(IDictionary<TKey, object> container, TKey key, Func<object> create) =>
        container.TryGetValue(key, out var existing) ? existing : container[key] = create();

    private static SopsNode ToNode(object value) => value switch
    {
        Dictionary<string, object> map => new SopsMap([.. map.Select(e => KeyValuePair.Create(e.Key, ToNode(e.Value)))]),
        SortedDictionary<int, object> list => new SopsList([.. list.Values.Select(ToNode)]),
        _ => new SopsScalar(value),
    };
}
