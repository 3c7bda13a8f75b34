using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Stores;

/// <summary>
/// Reads SOPS dotenv: <c>KEY=VALUE</c> lines split at the first <c>=</c> with no trimming, <c>\n</c> in a value
/// meaning a newline, <c>#</c> lines as comments; the metadata is in <c>sops_</c> lines, flattened with
/// <c>__map_</c> and <c>__list_N</c> separators.
/// </summary>
public static class DotenvSopsStore
{
    private const string MetadataPrefix = "sops_";

    /// <exception cref="SecretsException">A line has no <c>=</c>, or there is no metadata.</exception>
    public static SopsDocument Read(string text, string fileName)
    {
        var data = new List<KeyValuePair<string, SopsNode>>();
        var metadata = new List<KeyValuePair<string, string>>();
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
                throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}:{lineNumber}: a dotenv line needs KEY=VALUE");
            var key = line[..equals];
            var value = line[(equals + 1)..].Replace("\\n", "\n", StringComparison.Ordinal);
            if (key.StartsWith(MetadataPrefix, StringComparison.Ordinal))
                metadata.Add(KeyValuePair.Create(key[MetadataPrefix.Length..], value));
            else
                data.Add(KeyValuePair.Create(key, (SopsNode)new SopsScalar(value)));
        }
        if (metadata.Count == 0)
            throw YamlSopsStore.NotSops(fileName);
        return new SopsDocument([new SopsMap(data)], SopsMetadata.From(Unflatten(metadata)));
    }

    /// <summary>Rebuilds the metadata tree from flattened keys like <c>age__list_0__map_enc</c>.</summary>
    internal static SopsMap Unflatten(IEnumerable<KeyValuePair<string, string>> flat)
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
                    SortedDictionary<int, object> list when parts[i].StartsWith("list_", StringComparison.Ordinal) =>
                        GetOrAdd(list, int.Parse(parts[i]["list_".Length..], System.Globalization.CultureInfo.InvariantCulture), Create),
                    Dictionary<string, object> map =>
                        GetOrAdd(map, parts[i].StartsWith("map_", StringComparison.Ordinal) ? parts[i]["map_".Length..] : parts[i], Create),
                    _ => throw new SecretsException(SecretsFailure.InvalidFile, $"malformed SOPS metadata key sops_{key}"),
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
