using System.Collections;
using System.Collections.Immutable;

namespace Hearth.Core.Values;

/// <summary>An immutable list of values with structural equality, so records holding one compare by content.</summary>
public sealed class ValueList : IReadOnlyList<Value>, IEquatable<ValueList>
{
    public static readonly ValueList Empty = new([]);

    private readonly ImmutableArray<Value> _items;

    public ValueList(IEnumerable<Value> items) => _items = [.. items];

    public int Count => _items.Length;

    public Value this[int index] => _items[index];

    public IEnumerator<Value> GetEnumerator() => ((IEnumerable<Value>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ValueList? other) => other is not null && _items.SequenceEqual(other._items);

    public override bool Equals(object? obj) => Equals(obj as ValueList);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
            hash.Add(item);
        return hash.ToHashCode();
    }
}
