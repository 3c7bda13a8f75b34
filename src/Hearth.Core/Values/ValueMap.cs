using System.Collections;

namespace Hearth.Core.Values;

/// <summary>
/// An immutable string-keyed map with structural equality. Keys are kept in ordinal order, so output and state
/// are deterministic whatever order a lab wrote them in. Backed by two sorted arrays: lab and state maps are
/// small and numerous, so lookups by binary search and copy-on-write beat a tree of nodes.
/// </summary>
public sealed class ValueMap : IReadOnlyDictionary<string, Value>, IEquatable<ValueMap>
{
    public static readonly ValueMap Empty = new([], []);

    private readonly string[] _keys;
    private readonly Value[] _values;

    public ValueMap(IEnumerable<KeyValuePair<string, Value>> entries)
    {
        if (entries is ValueMap map)
        {
            (_keys, _values) = (map._keys, map._values);
            return;
        }
        var list = entries is ICollection<KeyValuePair<string, Value>> c ? new List<KeyValuePair<string, Value>>(c) : [.. entries];
        if (!IsSortedAndUnique(list))
            list = [.. list.OrderBy(e => e.Key, StringComparer.Ordinal)]; // Stable: of two entries with one key, the later stays later.
        var keys = new List<string>(list.Count);
        var values = new List<Value>(list.Count);
        foreach (var (key, value) in list)
        {
            if (keys.Count > 0 && keys[^1] == key)
                values[^1] = value; // A later duplicate wins, as in a dictionary built by assignment.
            else
            {
                keys.Add(key);
                values.Add(value);
            }
        }
        _keys = [.. keys];
        _values = [.. values];
    }

    private ValueMap(string[] keys, Value[] values)
    {
        _keys = keys;
        _values = values;
    }

    public int Count => _keys.Length;

    public Value this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<Value> Values => _values;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out Value value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : null!;
        return index >= 0;
    }

    public ValueMap SetItem(string key, Value value)
    {
        var index = IndexOf(key);
        if (index >= 0)
        {
            var values = (Value[])_values.Clone();
            values[index] = value;
            return new ValueMap(_keys, values);
        }
        var at = ~index;
        var newKeys = new string[_keys.Length + 1];
        var newValues = new Value[_values.Length + 1];
        Array.Copy(_keys, newKeys, at);
        Array.Copy(_values, newValues, at);
        newKeys[at] = key;
        newValues[at] = value;
        Array.Copy(_keys, at, newKeys, at + 1, _keys.Length - at);
        Array.Copy(_values, at, newValues, at + 1, _values.Length - at);
        return new ValueMap(newKeys, newValues);
    }

    /// <summary>This map with every one of <paramref name="items"/> set, in one copy (a later item wins over an earlier one of the same key).</summary>
    public ValueMap SetItems(ReadOnlySpan<KeyValuePair<string, Value>> items)
    {
        // Insertion sort: a handful of items, and stable, so of two items with one key the later stays later and wins below.
        var sorted = items.ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            var item = sorted[i];
            var at = i;
            for (; at > 0 && string.CompareOrdinal(sorted[at - 1].Key, item.Key) > 0; at--)
                sorted[at] = sorted[at - 1];
            sorted[at] = item;
        }
        var keys = new string[_keys.Length + sorted.Length];
        var values = new Value[_keys.Length + sorted.Length];
        int mine = 0, theirs = 0, count = 0;
        while (mine < _keys.Length || theirs < sorted.Length)
        {
            var order = mine == _keys.Length ? 1 : theirs == sorted.Length ? -1 : string.CompareOrdinal(_keys[mine], sorted[theirs].Key);
            if (order < 0)
            {
                (keys[count], values[count]) = (_keys[mine], _values[mine]);
                mine++;
            }
            else
            {
                if (order == 0)
                    mine++; // The item takes this key's place.
                if (count > 0 && keys[count - 1] == sorted[theirs].Key)
                    count--; // Given twice: the later item overwrites the one just written.
                (keys[count], values[count]) = (sorted[theirs].Key, sorted[theirs].Value);
                theirs++;
            }
            count++;
        }
        return new ValueMap(keys[..count], values[..count]);
    }

    public ValueMap Remove(string key)
    {
        var index = IndexOf(key);
        if (index < 0)
            return this;
        var newKeys = new string[_keys.Length - 1];
        var newValues = new Value[_values.Length - 1];
        Array.Copy(_keys, newKeys, index);
        Array.Copy(_values, newValues, index);
        Array.Copy(_keys, index + 1, newKeys, index, _keys.Length - index - 1);
        Array.Copy(_values, index + 1, newValues, index, _values.Length - index - 1);
        return new ValueMap(newKeys, newValues);
    }

    public IEnumerator<KeyValuePair<string, Value>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
            yield return KeyValuePair.Create(_keys[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ValueMap? other) =>
        ReferenceEquals(this, other) || other is not null && _keys.AsSpan().SequenceEqual(other._keys) && _values.AsSpan().SequenceEqual(other._values);

    public override bool Equals(object? obj) => Equals(obj as ValueMap);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var i = 0; i < _keys.Length; i++)
        {
            hash.Add(_keys[i], StringComparer.Ordinal);
            hash.Add(_values[i]);
        }
        return hash.ToHashCode();
    }

    private static bool IsSortedAndUnique(List<KeyValuePair<string, Value>> list)
    {
        for (var i = 1; i < list.Count; i++)
        {
            if (string.CompareOrdinal(list[i - 1].Key, list[i].Key) >= 0)
                return false;
        }
        return true;
    }

    private int IndexOf(string key) => Array.BinarySearch(_keys, key, StringComparer.Ordinal);
}
