namespace Hearth.Dns.Records;

/// <summary>
/// The range of a record's TTL: 1 to 2³¹−1 seconds (RFC 2181 §8). Providers narrow it themselves: Cloudflare reads 1
/// as "automatic" and otherwise wants 60–86400, OVH reads 0 as "zone default"; those rules belong to the provider.
/// </summary>
internal static class DnsTtl
{
    public const long Min = 1;
    public const long Max = int.MaxValue;

    /// <exception cref="DnsRecordException">The TTL is outside 1..2147483647.</exception>
    public static int Check(long ttl, string recordName, DnsRecordType? type)
    {
        if (ttl is < Min or > Max)
        {
            throw new DnsRecordException(recordName, type, $"the TTL {ttl} is out of range",
                $"give a number of seconds from {Min} to {Max} (300 is common)");
        }
        return (int)ttl;
    }
}
