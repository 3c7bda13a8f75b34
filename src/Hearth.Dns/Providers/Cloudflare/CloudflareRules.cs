using Hearth.Dns.Records;

namespace Hearth.Dns.Providers.Cloudflare;

/// <summary>What Cloudflare accepts beyond the record model: its TTL range, which types can be proxied, comment text.</summary>
internal static class CloudflareRules
{
    /// <summary>Cloudflare's "automatic" TTL; proxied records always report it.</summary>
    public const int AutomaticTtl = 1;

    public const int MinTtl = 60;
    public const int MaxTtl = 86400;

    public static bool CanBeProxied(DnsRecordType type) => type is DnsRecordType.A or DnsRecordType.AAAA or DnsRecordType.CNAME;

    /// <summary>The problems Cloudflare would refuse the set for, each with the setting it concerns and what to do; empty when it is fine.</summary>
    public static IReadOnlyList<(string Setting, DnsRecordProblem Problem)> Check(DnsRecordSet set)
    {
        var problems = new List<(string, DnsRecordProblem)>();
        if (set.Ttl != AutomaticTtl && set.Ttl is < MinTtl or > MaxTtl)
        {
            problems.Add(("ttl", new DnsRecordProblem(set.Name.Value, set.Type, $"Cloudflare does not take the TTL {set.Ttl}",
                $"give {MinTtl} to {MaxTtl} seconds, or 1 for automatic")));
        }
        if (set.Proxied && !CanBeProxied(set.Type))
            problems.Add(("proxied", new DnsRecordProblem(set.Name.Value, set.Type, $"a {set.Type} record cannot be proxied", "proxied: true is for A, AAAA and CNAME records")));
        if (set.Comment is { } comment && comment.AsSpan().IndexOfAny('\n', '\r') >= 0)
            problems.Add(("comment", new DnsRecordProblem(set.Name.Value, set.Type, "a Cloudflare comment cannot hold line breaks", "write the comment on one line")));
        return problems;
    }
}
