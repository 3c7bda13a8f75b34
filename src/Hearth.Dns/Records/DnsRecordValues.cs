using System.Collections;
using System.Collections.Immutable;
using System.Globalization;

namespace Hearth.Dns.Records;

/// <summary>
/// A record set's values in normal form, sorted, without duplicates, with value equality: two sets holding the
/// same values compare equal whatever order they were given in.
/// </summary>
internal sealed class DnsRecordValues : IReadOnlyList<string>, IEquatable<DnsRecordValues>
{
    private readonly ImmutableArray<string> _values;

    /// <summary>Takes values already normalised and distinct; sorts them.</summary>
    internal DnsRecordValues(IEnumerable<string> normalised) => _values = [.. normalised.Order(ValueOrder.Instance)];

    public int Count => _values.Length;

    public string this[int index] => _values[index];

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(DnsRecordValues? other) => other is not null && _values.SequenceEqual(other._values, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as DnsRecordValues);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in _values)
            hash.Add(value, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(", ", _values);

    /// <summary>
    /// Fields compared in turn, numbers by value (MX 5 before MX 10), the rest ordinally: a stable order that reads
    /// well in plans and zone files. Normal forms have no leading zeros, so it agrees with string equality.
    /// </summary>
    private sealed class ValueOrder : IComparer<string>
    {
        public static readonly ValueOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var left = RecordValueText.Fields(x ?? "");
            var right = RecordValueText.Fields(y ?? "");
            for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
            {
                var byField = long.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out var a) &&
                              long.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out var b)
                    ? a.CompareTo(b)
                    : string.CompareOrdinal(left[i], right[i]);
                if (byField != 0)
                    return byField;
            }
            return left.Length != right.Length ? left.Length.CompareTo(right.Length) : string.CompareOrdinal(x, y);
        }
    }
}
