using Hearth.Dns.Records;

namespace Hearth.Dns.Providers;

/// <summary>One change to a zone, as a batch carries it.</summary>
internal abstract record DnsZoneChange(DnsRecordKey Key)
{
    /// <summary>Create or replace <paramref name="Set"/>, provided the zone still holds <paramref name="Expected"/> at its name and type.</summary>
    public sealed record Put(DnsRecordSet Set, DnsRecordSet? Expected) : DnsZoneChange(Set.Key);

    /// <summary>Remove the record set at <see cref="DnsZoneChange.Key"/>, if any.</summary>
    public sealed record Delete(DnsRecordKey Removed) : DnsZoneChange(Removed);
}
