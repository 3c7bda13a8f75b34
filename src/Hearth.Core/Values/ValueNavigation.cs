namespace Hearth.Core.Values;

/// <summary>Walks into values along paths, carrying sensitive and unknown marks to what is found.</summary>
public static class ValueNavigation
{
    /// <summary>Returns the value at <paramref name="path"/>, or null when it does not exist.</summary>
    public static Value? At(this Value value, ValuePath path)
    {
        var current = value;
        var sensitive = false;
        foreach (var step in path.Steps)
        {
            if (current is SensitiveValue s)
            {
                sensitive = true;
                current = s.Inner;
            }
            if (current is UnknownValue)
                return sensitive ? current.MarkSensitive() : current;
            current = (current, step) switch
            {
                (MapValue m, string key) => m.Get(key),
                (ListValue l, int index) when index >= 0 && index < l.Items.Count => l.Items[index],
                _ => null,
            };
            if (current is null)
                return null;
        }
        return sensitive ? current.MarkSensitive() : current;
    }

    /// <summary>Every path inside <paramref name="value"/> that is marked sensitive (outermost marks only).</summary>
    public static IReadOnlyList<ValuePath> SensitivePaths(this Value value)
    {
        var paths = new List<ValuePath>();
        Collect(value, ValuePath.Root, paths);
        return paths;
    }

    /// <summary>Marks the values at <paramref name="paths"/> sensitive (used when reading state back).</summary>
    public static Value WithSensitivePaths(this Value value, IEnumerable<ValuePath> paths) =>
        paths.Aggregate(value, (current, path) => Transform(current, path, 0, v => v.MarkSensitive()));

    /// <summary>Replaces the value at <paramref name="path"/> (creating map entries as needed).</summary>
    public static Value With(this Value value, ValuePath path, Value replacement) =>
        Transform(value, path, 0, _ => replacement);

    private static Value Transform(Value value, ValuePath path, int depth, Func<Value, Value> change)
    {
        if (depth == path.Steps.Length)
            return change(value);
        if (value is SensitiveValue s)
            return Transform(s.Inner, path, depth, change).MarkSensitive();
        return (value, path.Steps[depth]) switch
        {
            (MapValue m, string key) => new MapValue(m.Entries.SetItem(key,
                Transform(m.Get(key) ?? Value.Null, path, depth + 1, change))),
            (ListValue l, int index) when index >= 0 && index < l.Items.Count =>
                Value.List(l.Items.Select((item, i) => i == index ? Transform(item, path, depth + 1, change) : item)),
            _ => value,
        };
    }

    private static void Collect(Value value, ValuePath path, List<ValuePath> paths)
    {
        if (!value.ContainsSensitive)
            return; // Most values hold none: no paths are built for them.
        switch (value)
        {
            case SensitiveValue:
                paths.Add(path);
                break;
            case MapValue m:
                foreach (var (key, item) in m.Entries)
                    Collect(item, path.Key(key), paths);
                break;
            case ListValue l:
                for (var i = 0; i < l.Items.Count; i++)
                    Collect(l.Items[i], path.Index(i), paths);
                break;
        }
    }
}
