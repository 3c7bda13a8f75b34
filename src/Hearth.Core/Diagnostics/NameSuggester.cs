namespace Hearth.Core.Diagnostics;

/// <summary>Finds the known name closest to a misspelt one, for "did you mean" hints.</summary>
public static class NameSuggester
{
    public static string? Suggest(string name, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Candidate: c, Distance: Distance(name, c)))
            .Where(c => c.Distance <= Math.Max(2, name.Length / 3))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Candidate;
    }

    /// <summary>"did you mean `x`?", or a list of what is allowed when nothing is close.</summary>
    public static string Hint(string name, IReadOnlyCollection<string> candidates, string what)
    {
        var suggestion = Suggest(name, candidates);
        if (suggestion is not null)
            return $"did you mean `{suggestion}`?";
        return candidates.Count == 0 ? $"no {what} is available here" : $"valid {what}s: {string.Join(", ", candidates.Order(StringComparer.Ordinal))}";
    }

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
