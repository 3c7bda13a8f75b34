namespace Hearth.Dns.Records;

/// <summary>
/// Rules that involve several declared record sets of one zone, checked before anything is planned. The apex's
/// SOA and NS belong to the zone itself (the provider or the zone file), so a lab never declares them.
/// </summary>
internal static class DnsZoneRules
{
    /// <summary>
    /// Every problem with the sets declared for <paramref name="zone"/>, in a stable order: a name outside the zone,
    /// the same name and type twice, a CNAME at the apex or beside other data (RFC 1034 §3.6.2, RFC 2181 §10.1), NS
    /// at the apex, NS below the apex beside other data, and data below a delegation other than glue addresses.
    /// </summary>
    public static IReadOnlyList<DnsRecordProblem> Check(DnsName zone, IEnumerable<DnsRecordSet> sets)
    {
        var problems = new List<DnsRecordProblem>();
        var declared = new Dictionary<DnsRecordKey, DnsRecordSet>();
        foreach (var set in sets)
        {
            if (!set.Name.IsAtOrBelow(zone))
            {
                problems.Add(new DnsRecordProblem(set.Name.Value, set.Type, $"the name is outside the zone {zone}",
                    $"declare it under the zone it belongs to, or use a name ending in .{zone}"));
            }
            else if (!declared.TryAdd(set.Key, set))
            {
                problems.Add(new DnsRecordProblem(set.Name.Value, set.Type, "this name and type are declared twice",
                    "declare one record with all the values (values: [...])"));
            }
        }

        var byName = declared.Values.GroupBy(s => s.Name).OrderBy(g => g.Key).ToList();
        var delegations = declared.Values.Where(s => s.Type == DnsRecordType.NS && s.Name != zone).Select(s => s.Name).ToList();
        foreach (var group in byName)
        {
            var name = group.Key;
            var types = group.Select(s => s.Type).Order().ToList();
            var others = string.Join(", ", types.Where(t => t != DnsRecordType.CNAME));
            if (types.Contains(DnsRecordType.CNAME))
            {
                if (name == zone)
                {
                    problems.Add(new DnsRecordProblem(name.Value, DnsRecordType.CNAME, "a CNAME cannot be at the zone's apex, which holds SOA and NS",
                        "use A/AAAA records at the apex (a provider may offer flattening)"));
                }
                else if (types.Count > 1)
                {
                    problems.Add(new DnsRecordProblem(name.Value, DnsRecordType.CNAME, $"a CNAME cannot share its name with other records ({others})",
                        "remove the CNAME, or move the other records to another name"));
                }
            }
            if (types.Contains(DnsRecordType.NS))
            {
                if (name == zone)
                {
                    problems.Add(new DnsRecordProblem(name.Value, DnsRecordType.NS, "the apex NS records belong to the zone, not to the lab's records",
                        "declare NS records only below the apex, to delegate a subdomain"));
                }
                else if (types.Count > 1)
                {
                    var besides = string.Join(", ", types.Where(t => t != DnsRecordType.NS));
                    problems.Add(new DnsRecordProblem(name.Value, DnsRecordType.NS, $"a delegation (NS below the apex) cannot share its name with other records ({besides})",
                        "the delegated zone's servers answer for this name: put those records there"));
                }
            }
            var cut = delegations.FirstOrDefault(d => d != name && name.IsAtOrBelow(d));
            if (cut is not null)
            {
                foreach (var type in types.Where(t => t is not (DnsRecordType.A or DnsRecordType.AAAA)))
                {
                    problems.Add(new DnsRecordProblem(name.Value, type, $"the name is below the delegation {cut}, so resolvers never see this record",
                        $"put it in the delegated zone {cut}; only glue addresses (A/AAAA) belong here"));
                }
            }
        }
        return problems;
    }

    /// <exception cref="DnsRecordException">With every problem <see cref="Check"/> finds.</exception>
    public static void Enforce(DnsName zone, IEnumerable<DnsRecordSet> sets)
    {
        var problems = Check(zone, sets);
        if (problems.Count > 0)
            throw new DnsRecordException(problems);
    }
}
