using Hearth.Dns.Records;

namespace Hearth.Dns.Providers.Ovh;

/// <summary>
/// Between Hearth's normalised values and OVH's records. OVH keeps targets in zone-file form, so the normal value is
/// sent as it is (absolute names with their dot, TXT as quoted strings) and a target is read back relative to the
/// zone, as a zone file would read it (a hand-made <c>www</c> CNAME target means <c>www.zone.</c>).
/// </summary>
internal static class OvhRecordMapping
{
    /// <summary>What a record with TTL 0 (the zone's default) reads as: the default TTL of an OVH zone.</summary>
    public const int ZoneDefaultTtl = 3600;

    public const int MinTtl = 60;

    public static bool TryType(string? text, out DnsRecordType type) =>
        Enum.TryParse(text, ignoreCase: false, out type) && Enum.IsDefined(type) && text == type.ToString();

    /// <summary>The record's full name, or null when OVH sent none.</summary>
    public static DnsName? NameOf(OvhRecord record, DnsName zone) => record.SubDomain switch
    {
        null => null,
        "" => zone,
        var sub => DnsName.ParseRelative(sub.ToLowerInvariant(), zone),
    };

    /// <summary>The name as OVH's <c>subDomain</c> writes it: relative to the zone, "" at the apex.</summary>
    public static string SubDomain(DnsName name, DnsName zone) => name == zone ? "" : name.RelativeTo(zone);

    /// <summary>The record's value in normal form, or null when it cannot be read as one (it is then never taken as a match).</summary>
    public static string? ValueOf(OvhRecord record, DnsRecordType type, DnsName zone, DnsName name)
    {
        if (record.Target is null)
            return null;
        try
        {
            return DnsRecordValue.Normalise(type, record.Target, DnsNameContext.ZoneFile(zone), name.Value);
        }
        catch (DnsRecordException)
        {
            return null;
        }
    }

    public static int TtlOf(OvhRecord record) => record.Ttl is null or 0 ? ZoneDefaultTtl : record.Ttl.Value;

    /// <summary>The problems OVH would refuse the set for; empty when it is fine.</summary>
    public static IReadOnlyList<DnsRecordProblem> Check(DnsRecordSet set) => [.. OvhRules.Check(set).Select(p => p.Problem)];
}
