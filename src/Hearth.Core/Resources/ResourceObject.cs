using Hearth.Core.Values;

namespace Hearth.Core.Resources;

/// <summary>Reading typed arguments out of a resource's attribute map.</summary>
public static class ResourceObject
{
    public static string? GetString(this MapValue obj, string name) => obj.Get(name)?.Unmarked() switch
    {
        StringValue s => s.Text,
        NumberValue or BoolValue => obj.Get(name)!.ToText(),
        _ => null,
    };

    public static bool GetBool(this MapValue obj, string name, bool fallback) =>
        obj.Get(name)?.Unmarked() is BoolValue b ? b.Flag : fallback;

    public static decimal? GetNumber(this MapValue obj, string name) =>
        obj.Get(name)?.Unmarked() is NumberValue n ? n.Amount : null;

    public static IReadOnlyList<string> GetStrings(this MapValue obj, string name) =>
        obj.Get(name)?.Unmarked() is ListValue l ? l.Items.Select(i => i.ToText()).ToList() : [];

    public static IReadOnlyDictionary<string, string> GetStringMap(this MapValue obj, string name) =>
        obj.Get(name)?.Unmarked() is MapValue m ? m.Entries.ToDictionary(e => e.Key, e => e.Value.ToText(), StringComparer.Ordinal) : new Dictionary<string, string>();

    /// <summary>The object with <paramref name="name"/> set.</summary>
    public static MapValue With(this MapValue obj, string name, Value value) => new(obj.Entries.SetItem(name, value));

    /// <summary>The object with every one of <paramref name="attributes"/> set, in one copy.</summary>
    public static MapValue With(this MapValue obj, params ReadOnlySpan<KeyValuePair<string, Value>> attributes) => new(obj.Entries.SetItems(attributes));

    /// <summary>Every sensitive string inside <paramref name="obj"/>, to scrub from command output and messages.</summary>
    public static IReadOnlyList<string> SensitiveStrings(this Value obj)
    {
        var found = new List<string>();
        Collect(obj, false, found);
        return found.Where(s => s.Length > 0).Distinct().OrderByDescending(s => s.Length).ToList();
    }

    /// <summary>Replaces every occurrence of a sensitive string with "(sensitive value)".</summary>
    public static string Redact(string text, IReadOnlyList<string> secrets) =>
        secrets.Aggregate(text, (current, secret) => current.Replace(secret, "(sensitive value)", StringComparison.Ordinal));

    private static void Collect(Value value, bool sensitive, List<string> found)
    {
        switch (value)
        {
            case SensitiveValue s:
                Collect(s.Inner, true, found);
                break;
            case StringValue s when sensitive:
                found.Add(s.Text);
                break;
            case ListValue l:
                foreach (var item in l.Items)
                    Collect(item, sensitive, found);
                break;
            case MapValue m:
                foreach (var item in m.Entries.Values)
                    Collect(item, sensitive, found);
                break;
        }
    }
}
