using System.Collections;
using System.Collections.Immutable;

namespace Hearth.Dns.Records;

/// <summary>
/// The record sets of one zone (or one provider listing), at most one per name and type, in canonical order, with
/// value equality. Immutable: <see cref="Put"/> and <see cref="Remove"/> return a new collection.
/// </summary>
internal sealed class DnsRecordSets : IReadOnlyCollection<DnsRecordSet>, IEquatable<DnsRecordSets>
{
    public static readonly DnsRecordSets Empty = new(ImmutableSortedDictionary<DnsRecordKey, DnsRecordSet>.Empty);

    private readonly ImmutableSortedDictionary<DnsRecordKey, DnsRecordSet> _sets;

    private DnsRecordSets(ImmutableSortedDictionary<DnsRecordKey, DnsRecordSet> sets) => _sets = sets;

    /// <exception cref="ArgumentException">Two sets have the same name and type.</exception>
    public static DnsRecordSets Of(IEnumerable<DnsRecordSet> sets)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<DnsRecordKey, DnsRecordSet>();
        foreach (var set in sets)
        {
            if (!builder.TryAdd(set.Key, set))
                throw new ArgumentException($"{set.Key} appears twice", nameof(sets));
        }
        return new DnsRecordSets(builder.ToImmutable());
    }

    public int Count => _sets.Count;

    public DnsRecordSet? Find(DnsRecordKey key) => _sets.GetValueOrDefault(key);

    /// <summary>Adds the set, or replaces the one with the same name and type.</summary>
    public DnsRecordSets Put(DnsRecordSet set) => new(_sets.SetItem(set.Key, set));

    public DnsRecordSets Remove(DnsRecordKey key) => new(_sets.Remove(key));

    public IEnumerator<DnsRecordSet> GetEnumerator() => _sets.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(DnsRecordSets? other) => other is not null && _sets.Values.SequenceEqual(other._sets.Values);

    public override bool Equals(object? obj) => Equals(obj as DnsRecordSets);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var set in _sets.Values)
            hash.Add(set);
        return hash.ToHashCode();
    }
}
