using Hearth.Core.Resources;
using Hearth.Core.Values;
using Hearth.Dns.Records;

namespace Hearth.Dns.Ownership;

/// <summary>
/// Where an ExternalDNS instance started with <c>--txt-prefix</c> or <c>--txt-suffix</c> keeps its registry entries,
/// as the zone's <c>external_dns:</c> setting declares it. The affix goes on the record name's first label, with the
/// record type added unless the affix places it with <c>%{record_type}</c>; a dot in the affix adds a label.
/// </summary>
internal sealed record ExternalDnsLayout(string? TxtPrefix, string? TxtSuffix)
{
    public const string PrefixAttribute = "external_dns_txt_prefix";
    public const string SuffixAttribute = "external_dns_txt_suffix";

    private const string TypeTemplate = "%{record_type}";

    public static readonly ExternalDnsLayout Default = new(null, null);

    /// <summary>The layout a resource's attributes carry (none: ExternalDNS's default names only).</summary>
    public static ExternalDnsLayout From(MapValue attributes) =>
        new(attributes.GetString(PrefixAttribute) is { Length: > 0 } prefix ? prefix.ToLowerInvariant() : null,
            attributes.GetString(SuffixAttribute) is { Length: > 0 } suffix ? suffix.ToLowerInvariant() : null);

    /// <summary>The registry name the affix gives <paramref name="record"/>, or null without an affix (or for a name it cannot form).</summary>
    public DnsName? AffixedName(DnsRecordKey record)
    {
        if ((TxtPrefix ?? TxtSuffix) is null || record.Name.Labels.Count == 0 || record.Name.Parent is not { } parent)
            return null;
        var type = record.Type.ToString().ToLowerInvariant();
        var label = record.Name.Labels[0];
        var first = TxtPrefix is { } prefix
            ? prefix.Contains(TypeTemplate, StringComparison.Ordinal) ? prefix.Replace(TypeTemplate, type, StringComparison.Ordinal) + label : $"{prefix}{type}-{label}"
            : TxtSuffix!.Contains(TypeTemplate, StringComparison.Ordinal) ? label + TxtSuffix.Replace(TypeTemplate, type, StringComparison.Ordinal) : $"{type}-{label}{TxtSuffix}";
        try
        {
            return DnsName.Parse(parent.IsRoot ? $"{first}." : $"{first}.{parent.Value}");
        }
        catch (DnsRecordException)
        {
            return null; // Too long or malformed: ExternalDNS cannot keep an entry there either.
        }
    }

    /// <summary>True when <paramref name="name"/> is shaped like one of this layout's registry names.</summary>
    public bool IsAffixedName(DnsName name)
    {
        if (name.Labels.Count == 0)
            return false;
        var text = name.Value.TrimEnd('.');
        if (TxtPrefix is { } prefix)
        {
            var head = prefix.Split(TypeTemplate)[0];
            return head.Length > 0 && text.StartsWith(head, StringComparison.Ordinal);
        }
        if (TxtSuffix is { } suffix)
        {
            var tail = suffix.Split(TypeTemplate)[^1].Split('.')[0];
            return tail.Length > 0 && name.Labels[0].EndsWith(tail, StringComparison.Ordinal);
        }
        return false;
    }
}
