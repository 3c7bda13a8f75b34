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
            var parts = key.Split("__", StringSplitOptions.None);
            object current = root;
            for (var i = 0; i < parts.Length; i++)
            {
                var last = i == parts.Length - 1;
                var part = parts[i];
                var (name, isIndex) = part.StartsWith("list_", StringComparison.Ordinal) ? (part[5..], true)
                    : part.StartsWith("map_", StringComparison.Ordinal) ? (part[4..], false)
                    : (part, false);
                var nextIsList = !last && parts[i + 1].StartsWith("list_", StringComparison.Ordinal);
                object child = last ? value : nextIsList ? new SortedDictionary<int, object>() : new Dictionary<string, object>(StringComparer.Ordinal);
                if (isIndex && current is SortedDictionary<int, object> list)
                    current = list.TryGetValue(int.Parse(name, System.Globalization.CultureInfo.InvariantCulture), out var existing) ? existing : list[int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)] = child;
                else if (current is Dictionary<string, object> map)
                    current = map.TryGetValue(name, out var existing) ? existing : map[name] = child;
            }
        }
        return (SopsMap)ToNode(root);
    }

    private static SopsNode ToNode(object value) => value switch
    {
        Dictionary<string, object> map => new SopsMap([.. map.Select(e => KeyValuePair.Create(e.Key, ToNode(e.Value)))]),
        SortedDictionary<int, object> list => new SopsList([.. list.Values.Select(ToNode)]),
        _ => new SopsScalar(value),
    };
}
