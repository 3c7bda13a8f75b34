namespace Hearth.Secrets.Config;

/// <summary>The known key closest to a misspelt one, for "did you mean" hints.</summary>
internal static class KeyNameSuggestion
{
    public static string? Closest(string name, IEnumerable<string> known) =>
        known
            .Select(k => (Key: k, Distance: Distance(name, k)))
            .Where(k => k.Distance <= Math.Max(2, name.Length / 3))
            .OrderBy(k => k.Distance)
            .ThenBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => k.Key)
            .FirstOrDefault();

    /// <summary>"did you mean `x`?", or the list of valid keys when none is close.</summary>
    public static string Hint(string name, IReadOnlyList<string> known) =>
        Closest(name, known) is { } suggestion
            ? $"did you mean `{suggestion}`?"
            : $"valid keys here: {string.Join(", ", known)}";

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
