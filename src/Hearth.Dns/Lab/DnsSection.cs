using System.Collections.Immutable;
using Hearth.Core.Diagnostics;
using Hearth.Core.Expressions;
using Hearth.Core.Labs;
using Hearth.Core.Syntax;
using Hearth.Core.Values;
using Hearth.Dns.Ownership;
using Hearth.Dns.Providers;
using Hearth.Dns.Providers.Cloudflare;
using Hearth.Dns.Records;
using Hearth.Dns.Resources;
using static Hearth.Core.Labs.SectionSyntax;

namespace Hearth.Dns.Lab;

/// <summary>
/// The lab's <c>dns:</c> section: <c>zones:</c> by name, each with its provider and <c>records:</c>, expanded into
/// one <c>dns_record</c> resource per record set. Names, types and literal values are checked here, so a bad record
/// is reported at its file:line:column before anything is planned.
/// </summary>
public sealed class DnsSection(DnsRecordResourceType recordType, DnsZoneResourceType zoneType) : ILabSection
{
    private static readonly string[] ZoneKeys = ["provider", "manage", "owner", "external_dns", "records"];
    private static readonly string[] ExternalDnsKeys = ["txt_prefix", "txt_suffix"];
    private static readonly string[] RecordKeys = ["name", "type", "value", "values", "ttl", "adopt", "proxied", "comment"];
    private static readonly string[] CloudflareOnlyKeys = ["proxied", "comment"];

    public string Name => "dns";

    public IEnumerable<ResourceConfig> Expand(MappingSyntax section, LabSectionContext context)
    {
        var diagnostics = new DiagnosticBag();
        var resources = new List<ResourceConfig>();
        foreach (var entry in section.Entries)
        {
            if (entry.Key.Text != "zones")
            {
                diagnostics.Add(entry.Key.Span, $"dns.{entry.Key.Text} is not a setting of the dns section", "zones go under dns.zones");
                continue;
            }
            if (entry.Value is not MappingSyntax zones)
            {
                diagnostics.Add(entry.Value.Span, $"dns.zones must be a mapping of zone names, not {entry.Value.Describe()}");
                continue;
            }
            foreach (var zone in zones.Entries)
                resources.AddRange(ExpandZone(zone, diagnostics));
        }
        diagnostics.ThrowIfAny();
        return resources;
    }

    private List<ResourceConfig> ExpandZone(MappingEntry entry, DiagnosticBag diagnostics)
    {
        DnsName zone;
        try
        {
            zone = DnsName.Parse(entry.Key.Text);
        }
        catch (DnsRecordException e)
        {
            diagnostics.Add(entry.Key.Span, $"`{entry.Key.Text}` is not a zone name: {e.Problems[0].Message}", "write the zone as a domain, e.g. qt.rs");
            return [];
        }
        if (entry.Value is not MappingSyntax settings)
        {
            diagnostics.Add(entry.Value.Span, $"zone {entry.Key.Text} must be a mapping with provider: and records:");
            return [];
        }
        CheckKeys(settings, ZoneKeys, $"zone {entry.Key.Text}", diagnostics);
        var provider = Literal(settings.Find("provider"), diagnostics);
        if (provider is null)
        {
            diagnostics.Add(entry.Key.Span, $"zone {entry.Key.Text} has no provider", $"add provider: (one of {string.Join(", ", DnsProviders.Known)})");
            return [];
        }
        if (!DnsProviders.Known.Contains(provider.Value.Text))
            diagnostics.Add(provider.Value.Span, $"`{provider.Value.Text}` is not a DNS provider", NameSuggester.Hint(provider.Value.Text, DnsProviders.Known, "provider"));
        var resources = new List<ResourceConfig>();
        var externalDns = ReadExternalDns(settings, zone, diagnostics);
        if (Literal(settings.Find("manage"), diagnostics) is { } manage)
        {
            if (manage.Text == "all")
                resources.Add(ZoneResource(zone, provider.Value.Text, settings, externalDns.Arguments));
            else if (manage.Text != "owned")
                diagnostics.Add(manage.Span, $"manage must be owned or all, not `{manage.Text}`",
                    "owned (the default) touches only records the lab declares; all also deletes every record it does not declare");
        }
        if (settings.Find("records")?.Value is not { } recordsNode)
            return resources;
        if (recordsNode is not SequenceSyntax records)
        {
            diagnostics.Add(recordsNode.Span, $"records of zone {entry.Key.Text} must be a list, not {recordsNode.Describe()}");
            return resources;
        }
        var declared = new Dictionary<DnsRecordKey, SyntaxNode>();
        foreach (var item in records.Items)
        {
            if (ExpandRecord(zone, provider.Value.Text, externalDns, item, declared, diagnostics) is { } resource)
                resources.Add(resource);
        }
        CheckCoexistence(zone, declared, diagnostics);
        return resources;
    }

    /// <summary>Under <c>manage: all</c> the zone itself is a resource: planning it finds the records the lab does not declare.</summary>
    private ResourceConfig ZoneResource(DnsName zone, string provider, MappingSyntax settings, IReadOnlyList<MapEntryExpression> externalDns)
    {
        var span = settings.Find("manage")!.Value.Span;
        var arguments = new MapExpression([Text("zone", zone.Value, span), Text("provider", provider, span), Text("manage", "all", span), .. externalDns], settings.Span);
        return new ResourceConfig(DnsZoneAddress.For(zone), zoneType, arguments, null, [], LifecycleConfig.Default, settings.Span);
    }

    /// <summary>
    /// <c>external_dns: { txt_prefix: … }</c> (or <c>txt_suffix</c>): where the zone's ExternalDNS keeps its registry,
    /// carried by every resource of the zone so each one knows which records are ExternalDNS's.
    /// </summary>
    private static (ExternalDnsLayout Layout, List<MapEntryExpression> Arguments) ReadExternalDns(MappingSyntax settings, DnsName zone, DiagnosticBag diagnostics)
    {
        if (settings.Find("external_dns") is not { } entry)
            return (ExternalDnsLayout.Default, []);
        if (entry.Value is not MappingSyntax mapping)
        {
            diagnostics.Add(entry.Value.Span, $"external_dns of zone {zone} must be a mapping", "e.g. external_dns: { txt_prefix: extdns- }, as ExternalDNS's --txt-prefix");
            return (ExternalDnsLayout.Default, []);
        }
        CheckKeys(mapping, ExternalDnsKeys, $"external_dns of zone {zone}", diagnostics);
        var prefix = Literal(mapping.Find("txt_prefix"), diagnostics);
        var suffix = Literal(mapping.Find("txt_suffix"), diagnostics);
        if (prefix is not null && suffix is not null)
            diagnostics.Add(mapping.Span, $"external_dns of zone {zone} sets both txt_prefix and txt_suffix", "ExternalDNS takes one of them: copy the flag it runs with");
        var arguments = new List<MapEntryExpression>();
        if (prefix is { } p)
            arguments.Add(Text(ExternalDnsLayout.PrefixAttribute, p.Text, p.Span));
        if (suffix is { } s)
            arguments.Add(Text(ExternalDnsLayout.SuffixAttribute, s.Text, s.Span));
        return (new ExternalDnsLayout(prefix?.Text.ToLowerInvariant(), suffix?.Text.ToLowerInvariant()), arguments);
    }

    private ResourceConfig? ExpandRecord(DnsName zone, string provider, (ExternalDnsLayout Layout, List<MapEntryExpression> Arguments) externalDns,
        SyntaxNode item, Dictionary<DnsRecordKey, SyntaxNode> declared, DiagnosticBag diagnostics)
    {
        if (item is not MappingSyntax record)
        {
            diagnostics.Add(item.Span, $"a record must be a mapping such as {{ name: www, type: A, value: 192.0.2.1 }}, not {item.Describe()}");
            return null;
        }
        CheckKeys(record, RecordKeys, "a record", diagnostics);
        var nameText = Literal(record.Find("name"), diagnostics);
        var typeText = Literal(record.Find("type"), diagnostics);
        if (nameText is null || typeText is null)
        {
            diagnostics.Add(record.Span, "a record needs name: and type:", "e.g. { name: www, type: A, value: 192.0.2.1 }");
            return null;
        }
        foreach (var key in CloudflareOnlyKeys.Where(k => record.Find(k) is not null && provider != "cloudflare"))
            diagnostics.Add(record.Find(key)!.Key.Span, $"{key} is a Cloudflare setting; zone {zone} uses {provider}", "remove it");

        DnsName name;
        DnsRecordType type;
        try
        {
            name = DnsName.InZone(nameText.Value.Text, zone);
            type = DnsRecordTypes.Parse(typeText.Value.Text.ToUpperInvariant(), nameText.Value.Text);
        }
        catch (DnsRecordException e)
        {
            diagnostics.Add(record.Span, e.Problems[0].Message, e.Problems[0].Hint);
            return null;
        }
        if (type == DnsRecordType.TXT && ExternalDnsRegistry.IsRegistryName(name, externalDns.Layout))
            diagnostics.Add(record.Span, $"{name} TXT is where ExternalDNS keeps its ownership records (the `a-`, `aaaa-`, `cname-`… prefix)",
                "give the TXT record another name: one here would stop ExternalDNS from recording its own records");
        if (!declared.TryAdd(new DnsRecordKey(name, type), record))
        {
            diagnostics.Add(record.Span, $"{name} {type} is declared twice in zone {zone}", "merge the values into one record with values: [...]");
            return null;
        }

        var values = Values(record, diagnostics);
        if (values is null)
            return null;
        var ttl = record.Find("ttl") is { } ttlEntry ? ExpressionParser.FromSyntax(ttlEntry.Value) : null;
        CheckLiteralValues(zone, provider, name, type, values, ttl, record, diagnostics);

        List<MapEntryExpression> arguments =
        [
            Text("zone", zone.Value, record.Span),
            Text("provider", provider, record.Span),
            Text("name", name.Value, nameText.Value.Span),
            Text("type", type.ToString(), typeText.Value.Span),
            new("values", values.Span, values),
            .. externalDns.Arguments,
        ];
        if (ttl is not null)
            arguments.Add(new MapEntryExpression("ttl", record.Find("ttl")!.Key.Span, ttl));
        foreach (var key in CloudflareOnlyKeys)
        {
            if (record.Find(key) is { } setting)
                arguments.Add(new MapEntryExpression(key, setting.Key.Span, ExpressionParser.FromSyntax(setting.Value)));
        }
        if (record.Find("proxied")?.Value is ScalarSyntax { Text: "true" } && record.Find("ttl") is { Value: ScalarSyntax { Text: not "1" } } proxiedTtl)
        {
            diagnostics.Add(proxiedTtl.Key.Span, $"{name} {type}: a proxied record's TTL is automatic (Cloudflare answers for it)",
                "remove ttl:, or set proxied: false to serve the records with that TTL");
        }
        if (record.Find("adopt") is { } adopt)
            arguments.Add(new MapEntryExpression("adopt", adopt.Key.Span, ExpressionParser.FromSyntax(adopt.Value)));
        return new ResourceConfig(DnsRecordAddress.For(zone, name, type), recordType, new MapExpression([.. arguments], record.Span),
            null, [], LifecycleConfig.Default, record.Span);
    }

    /// <summary><c>value: X</c> or <c>values: [X, Y]</c>, exactly one of them.</summary>
    private static ListExpression? Values(MappingSyntax record, DiagnosticBag diagnostics)
    {
        var single = record.Find("value");
        var many = record.Find("values");
        if ((single is null) == (many is null))
        {
            diagnostics.Add(record.Span, "a record needs exactly one of value: and values:", "value: for one value, values: [a, b] for several");
            return null;
        }
        if (single is not null)
            return new ListExpression([ExpressionParser.FromSyntax(single.Value)], single.Value.Span);
        if (many!.Value is SequenceSyntax list)
            return new ListExpression([.. list.Items.Select(ExpressionParser.FromSyntax)], list.Span);
        diagnostics.Add(many.Value.Span, $"values must be a list, not {many.Value.Describe()}", "e.g. values: [\"10 mx1.qt.rs.\", \"20 mx2.qt.rs.\"]");
        return null;
    }

    /// <summary>
    /// Values written as plain text are checked now, at their place in the lab, by the record model and by what the
    /// provider accepts; values from references are checked at plan time.
    /// </summary>
    private static void CheckLiteralValues(DnsName zone, string provider, DnsName name, DnsRecordType type, ListExpression values, Expression? ttl,
        MappingSyntax record, DiagnosticBag diagnostics)
    {
        if (!values.Items.All(v => v is LiteralExpression) || ttl is not (null or LiteralExpression))
            return;
        var ttlValue = ttl is LiteralExpression { Value: NumberValue number } ? (long)number.Amount : DnsRecordResourceType.DefaultTtl;
        if (ttl is LiteralExpression { Value: not NumberValue })
        {
            diagnostics.Add(ttl.Span, "ttl must be a number of seconds");
            return;
        }
        var proxied = record.Find("proxied")?.Value is ScalarSyntax { Text: "true" };
        DnsRecordSet set;
        try
        {
            set = DnsRecordSet.Create(name, type, proxied ? CloudflareRules.AutomaticTtl : ttlValue,
                values.Items.Select(v => ((LiteralExpression)v).Value.ToText()), DnsNameContext.Lab(zone));
        }
        catch (DnsRecordException e)
        {
            foreach (var problem in e.Problems)
                diagnostics.Add(record.Span, $"{problem.Subject}: {problem.Message}", problem.Hint);
            return;
        }
        var comment = record.Find("comment")?.Value is ScalarSyntax { Text: { Length: > 0 } text } ? text : null;
        foreach (var (setting, problem) in ProviderRules.Check(provider, set with { Proxied = proxied, Comment = comment }))
            diagnostics.Add(record.Find(setting)?.Key.Span ?? record.Span, $"{problem.Subject}: {problem.Message}", problem.Hint);
    }

    /// <summary>A CNAME owns its name: nothing else may sit beside it, and it cannot be at the apex.</summary>
    private static void CheckCoexistence(DnsName zone, Dictionary<DnsRecordKey, SyntaxNode> declared, DiagnosticBag diagnostics)
    {
        // Grouped by name once: a zone of thousands of CNAMEs must not compare each with every record.
        var typesByName = declared.Keys.ToLookup(k => k.Name, k => k.Type);
        foreach (var (key, node) in declared.Where(d => d.Key.Type == DnsRecordType.CNAME))
        {
            if (key.Name == zone)
                diagnostics.Add(node.Span, $"{key.Name} CNAME: a CNAME cannot be at the zone's apex", "use A/AAAA records at the apex (or a provider feature such as Cloudflare's CNAME flattening)");
            var others = typesByName[key.Name].Where(t => t != DnsRecordType.CNAME).Select(t => t.ToString()).ToList();
            if (others.Count > 0)
                diagnostics.Add(node.Span, $"{key.Name} has a CNAME beside {string.Join(", ", others)}", "a name with a CNAME can hold nothing else: remove one of them");
        }
    }
}
