using Hearth.Dns.Records;

namespace Hearth.Dns.Providers.Ovh;

/// <summary>What OVH accepts beyond the record model, checked when the lab is planned rather than when the record is applied.</summary>
internal static class OvhRules
{
    /// <summary>The problems OVH would refuse the set for, each with the setting it concerns and what to do; empty when it is fine.</summary>
    public static IReadOnlyList<(string Setting, DnsRecordProblem Problem)> Check(DnsRecordSet set) => set.Ttl < OvhRecordMapping.MinTtl
        ? [("ttl", new DnsRecordProblem(set.Name.Value, set.Type, $"OVH does not take the TTL {set.Ttl}",
            $"give ttl: {OvhRecordMapping.MinTtl} or more (OVH's minimum), or leave ttl out for the default {Resources.DnsRecordResourceType.DefaultTtl}"))]
        : [];
}
