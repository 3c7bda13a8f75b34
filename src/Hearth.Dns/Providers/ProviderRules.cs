using Hearth.Dns.Providers.Cloudflare;
using Hearth.Dns.Providers.Ovh;
using Hearth.Dns.Records;

namespace Hearth.Dns.Providers;

/// <summary>
/// What a provider accepts beyond the record model (Cloudflare's and OVH's TTL ranges, proxying, comments): checked
/// when the lab is read for values written as plain text, and when it is planned for the rest.
/// </summary>
internal static class ProviderRules
{
    /// <summary>The problems the provider would refuse the set for, each with the setting it concerns; empty when it is fine.</summary>
    public static IReadOnlyList<(string Setting, DnsRecordProblem Problem)> Check(string provider, DnsRecordSet set) => provider switch
    {
        CloudflareProvider.Kind => CloudflareRules.Check(set),
        OvhProvider.Kind => OvhRules.Check(set),
        _ => [],
    };
}
