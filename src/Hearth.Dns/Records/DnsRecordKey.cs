namespace Hearth.Dns.Records;

/// <summary>What identifies a record set in a zone: its name and type (one resource per key).</summary>
internal readonly record struct DnsRecordKey(DnsName Name, DnsRecordType Type) : IComparable<DnsRecordKey>
{
    /// <summary>By name in canonical order, then by type in <see cref="DnsRecordType"/> order.</summary>
    public int CompareTo(DnsRecordKey other)
    {
        var byName = Name.CompareTo(other.Name);
        return byName != 0 ? byName : Type.CompareTo(other.Type);
    }

    public override string ToString() => $"{Name} {Type}";
}
