using Hearth.Secrets.Sops;

namespace Hearth.Secrets;

/// <summary>
/// Finds a value in a SOPS tree by a dotted key path (<c>db.password</c>, <c>hosts.0</c> for list items). Map keys may
/// themselves contain dots: the longest key that matches wins.
/// </summary>
public static class SopsKeyPath
{
    public static SopsNode? Find(SopsNode node, string path)
    {
        if (path.Length == 0)
            return node;
        switch (node)
        {
            case SopsMap map:
                foreach (var (key, value) in map.Values.OrderByDescending(e => e.Key.Length))
                {
                    if (path == key)
                        return value;
                    if (path.StartsWith(key + ".", StringComparison.Ordinal) && Find(value, path[(key.Length + 1)..]) is { } found)
                        return found;
                }
                return null;
            case SopsList list:
                var dot = path.IndexOf('.', StringComparison.Ordinal);
                var head = dot < 0 ? path : path[..dot];
                var items = list.Items.Where(i => i is not SopsComment).ToList();
                return int.TryParse(head, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < items.Count
                    ? Find(items[index], dot < 0 ? "" : path[(dot + 1)..])
                    : null;
            default:
                return null;
        }
    }
}
