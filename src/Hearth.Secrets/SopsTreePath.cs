using System.Globalization;
using Hearth.Secrets.Sops;

namespace Hearth.Secrets;

/// <summary>
/// sops's tree path, <c>["a"]["b"][0]</c>: string components (in double or single quotes) name map keys, integers
/// index lists. Used by <c>--extract</c>, <c>set</c> and <c>unset</c>.
/// </summary>
public sealed record SopsTreePath(IReadOnlyList<object> Components)
{
    /// <exception cref="SecretsException">Not in the <c>["key"][0]</c> form (<see cref="SecretsFailure.InvalidTreePath"/>).</exception>
    public static SopsTreePath Parse(string text)
    {
        var components = new List<object>();
        var position = 0;
        while (position < text.Length)
        {
            if (text[position] != '[')
                throw Invalid(text);
            var close = position + 1;
            if (close < text.Length && text[close] is '"' or '\'')
            {
                var quote = text[close];
                var end = text.IndexOf(quote, close + 1);
                if (end < 0 || end + 1 >= text.Length || text[end + 1] != ']')
                    throw Invalid(text);
                components.Add(text[(close + 1)..end]);
                position = end + 2;
            }
            else
            {
                var end = text.IndexOf(']', close);
                if (end < 0 || !int.TryParse(text.AsSpan(close, end - close), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    throw Invalid(text);
                components.Add(index);
                position = end + 1;
            }
        }
        return components.Count > 0 ? new SopsTreePath(components) : throw Invalid(text);
    }

    private static SecretsException Invalid(string text) =>
        new(SecretsFailure.InvalidTreePath, $"`{text}` is not a tree path", "write it as sops does: '[\"key\"][\"nested\"][0]'");

    public override string ToString() => string.Concat(Components.Select(c => c is int i ? $"[{i}]" : $"[\"{c}\"]"));

    /// <summary>The node at this path.</summary>
    /// <exception cref="SecretsException">A component is missing (<see cref="SecretsFailure.KeyNotFound"/>).</exception>
    public SopsNode Find(SopsNode root)
    {
        var node = root;
        foreach (var component in Components)
        {
            node = (component, node) switch
            {
                (string key, SopsMap map) => map.Get(key),
                (int index, SopsList list) => Items(list).ElementAtOrDefault(index),
                _ => null,
            } ?? throw new SecretsException(SecretsFailure.KeyNotFound, $"the file has nothing at {this}", "check the path against the decrypted file");
        }
        return node;
    }

    /// <summary>A copy of <paramref name="root"/> with <paramref name="value"/> at this path; missing maps are created.</summary>
    /// <exception cref="SecretsException">The path goes through a value that is not a map or list, or past a list's end.</exception>
    public SopsMap Set(SopsMap root, SopsNode value) => (SopsMap)Set(root, 0, value);

    private SopsNode Set(SopsNode? node, int depth, SopsNode value)
    {
        if (depth == Components.Count)
            return value;
        switch (Components[depth], node)
        {
            case (string key, SopsMap map):
                return map.With(key, Set(map.Get(key), depth + 1, value));
            case (string key, null):
                return new SopsMap([KeyValuePair.Create(key, Set(null, depth + 1, value))]);
            case (int index, SopsList list):
                var items = list.Items.ToList();
                var positions = items.Select((item, i) => (item, i)).Where(p => p.item is not SopsComment).Select(p => p.i).ToList();
                if (index < positions.Count)
                    items[positions[index]] = Set(items[positions[index]], depth + 1, value);
                else if (index == positions.Count)
                    items.Add(Set(null, depth + 1, value));
                else
                    throw new SecretsException(SecretsFailure.KeyNotFound, $"{this}: index {index} is past the end of a list of {positions.Count}");
                return new SopsList(items);
            default:
                throw new SecretsException(SecretsFailure.InvalidTreePath, $"{this} goes through a value that is not a map or list");
        }
    }

    /// <summary>A copy of <paramref name="root"/> without the value at this path.</summary>
    /// <exception cref="SecretsException">Nothing is there (<see cref="SecretsFailure.KeyNotFound"/>).</exception>
    public SopsMap Unset(SopsMap root)
    {
        Find(root);
        return (SopsMap)Unset(root, 0);
    }

    private SopsNode Unset(SopsNode node, int depth)
    {
        var last = depth == Components.Count - 1;
        switch (Components[depth], node)
        {
            case (string key, SopsMap map):
                return last ? map.Without(key) : map.With(key, Unset(map.Get(key)!, depth + 1));
            case (int index, SopsList list):
                var items = list.Items.ToList();
                var position = items.Select((item, i) => (item, i)).Where(p => p.item is not SopsComment).ElementAt(index).i;
                if (last)
                    items.RemoveAt(position);
                else
                    items[position] = Unset(items[position], depth + 1);
                return new SopsList(items);
            default:
                return node;
        }
    }

    private static IEnumerable<SopsNode> Items(SopsList list) => list.Items.Where(i => i is not SopsComment);
}
