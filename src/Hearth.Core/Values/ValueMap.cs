using System.Collections;
using System.Collections.Immutable;

namespace Hearth.Core.Values;

/// <summary>
/// An immutable string-keyed map with structural equality. Keys are kept in ordinal order, so output
/// and state are deterministic whatever order a lab wrote them in.
/// </summary>
public sealed class ValueMap : IReadOnlyDictionary<string, Value>, IEquatable<ValueMap>
{
    public static readonly ValueMap Empty = new([]);

    private readonly ImmutableSortedDictionary<string, Value> _entries;

    public ValueMap(IEnumerable<KeyValuePair<string, Value>> entries) =>
        _entries = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, entries);

    private ValueMap(ImmutableSortedDictionary<string, Value> entries) => _entries = entries;

    public int Count => _entries.Count;

    public Value this[string key] => _entries[key];

    public IEnumerable<string> Keys => _entries.Keys;

    public IEnumerable<Value> Values => _entries.Values;

    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    public bool TryGetValue(string key, out Value value) => _entries.TryGetValue(key, out value!);

    public ValueMap SetItem(string key, Value value) => new(_entries.SetItem(key, value));

    public ValueMap Remove(string key) => new(_entries.Remove(key));

    public IEnumerator<KeyValuePair<string, Value>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ValueMap? other) =>
        other is not null && Count == other.Count &&
        _entries.All(e => other._entries.TryGetValue(e.Key, out var v) && Equals(e.Value, v));

    public override bool Equals(object? obj) => Equals(obj as ValueMap);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in _entries)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value);
        }
        return hash.ToHashCode();
    }
}
