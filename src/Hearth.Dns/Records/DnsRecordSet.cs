namespace Hearth.Dns.Records;

/// <summary>
/// All records of one name and type: the unit Hearth plans and applies (one <c>dns_record</c> resource each). Built
/// only through <see cref="Create"/>, which validates and normalises, so two sets meaning the same records are
/// equal and a no-change plan is empty.
/// </summary>
internal sealed record DnsRecordSet
{
    private DnsRecordSet(DnsName name, DnsRecordType type, int ttl, DnsRecordValues values)
    {
        Name = name;
        Type = type;
        Ttl = ttl;
        Values = values;
    }

    public DnsName Name { get; }

    public DnsRecordType Type { get; }

    /// <summary>Seconds, 1..2147483647.</summary>
    public int Ttl { get; }

    /// <summary>Normalised, sorted, distinct; never empty.</summary>
    public DnsRecordValues Values { get; }

    /// <summary>
    /// Cloudflare only: answers come from Cloudflare's proxy rather than the values (A, AAAA and CNAME). Always false
    /// for the other providers.
    /// </summary>
    public bool Proxied { get; init; }

    /// <summary>Cloudflare only: a note kept beside each record of the set; null when there is none.</summary>
    public string? Comment { get; init; }

    public DnsRecordKey Key => new(Name, Type);

    /// <summary>
    /// Validates and normalises a set. Names inside values are read by <paramref name="names"/> (the lab's rules, a
    /// zone file's origin, or an API's full names).
    /// </summary>
    /// <exception cref="DnsRecordException">
    /// A TTL out of range, no values, a value that does not fit the type, the same value twice, or a CNAME with more
    /// than one target; every problem found is reported.
    /// </exception>
    public static DnsRecordSet Create(DnsName name, DnsRecordType type, long ttl, IEnumerable<string> values, DnsNameContext names)
    {
        var problems = new List<DnsRecordProblem>();
        var checkedTtl = Collect(problems, () => DnsTtl.Check(ttl, name.Value, type));
        var normalised = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var normal = Collect(problems, () => DnsRecordValue.Normalise(type, value, names, name.Value));
            if (normal is null)
                continue;
            if (normalised.TryGetValue(normal, out var first))
            {
                var same = first == value ? $"'{value}' is given twice" : $"'{first}' and '{value}' are the same value ({normal})";
                problems.Add(new DnsRecordProblem(name.Value, type, same, "give each value once"));
                continue;
            }
            normalised.Add(normal, value);
        }
        if (normalised.Count == 0 && problems.Count == 0)
            problems.Add(new DnsRecordProblem(name.Value, type, "the record has no value", "give a value (value:) or a list (values:)"));
        if (type == DnsRecordType.CNAME && normalised.Count > 1)
        {
            problems.Add(new DnsRecordProblem(name.Value, type, $"a CNAME has exactly one target, not {normalised.Count}",
                "keep one target; several addresses need A/AAAA records instead"));
        }
        if (problems.Count > 0)
            throw new DnsRecordException(problems);
        return new DnsRecordSet(name, type, checkedTtl, new DnsRecordValues(normalised.Keys));
    }

    /// <summary>Reads a set as the lab writes it: name relative to <paramref name="zone"/> (or <c>@</c>), type by name.</summary>
    public static DnsRecordSet FromLab(DnsName zone, string name, string type, long ttl, IEnumerable<string> values)
    {
        var owner = DnsName.InZone(name, zone);
        return Create(owner, DnsRecordTypes.Parse(type, owner.Value), ttl, values, DnsNameContext.Lab(zone));
    }

    public DnsRecordSet WithTtl(long ttl) => new(Name, Type, DnsTtl.Check(ttl, Name.Value, Type), Values) { Proxied = Proxied, Comment = Comment };

    /// <summary>Zone-file lines, one per value: <c>www.qt.rs. 300 IN A 192.0.2.10</c>.</summary>
    public override string ToString() => string.Join("\n", Values.Select(v => $"{Name} {Ttl} IN {Type} {v}"));

    private static T? Collect<T>(List<DnsRecordProblem> problems, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (DnsRecordException e)
        {
            problems.AddRange(e.Problems);
            return default;
        }
    }
}
