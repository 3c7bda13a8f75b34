namespace Hearth.Secrets.Sops;

/// <summary>A mapping in file order. Entries whose value is a <see cref="SopsComment"/> are comments, not keys.</summary>
public sealed record SopsMap(IReadOnlyList<KeyValuePair<string, SopsNode>> Entries) : SopsNode
{
    public static SopsMap Empty { get; } = new([]);

    public SopsNode? Get(string key) => Entries.FirstOrDefault(e => e.Key == key && e.Value is not SopsComment).Value;

    /// <summary>The key/value entries, without comments.</summary>
    public IEnumerable<KeyValuePair<string, SopsNode>> Values => Entries.Where(e => e.Value is not SopsComment);

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/>: replaced where it is, else added at the end.</summary>
    public SopsMap With(string key, SopsNode value)
    {
        var index = Entries.ToList().FindIndex(e => e.Key == key && e.Value is not SopsComment);
        var entries = Entries.ToList();
        if (index < 0)
            entries.Add(KeyValuePair.Create(key, value));
        else
            entries[index] = KeyValuePair.Create(key, value);
        return new SopsMap(entries);
    }

    /// <summary>A copy without <paramref name="key"/>.</summary>
    public SopsMap Without(string key) => new([.. Entries.Where(e => e.Key != key || e.Value is SopsComment)]);
}
