using Hearth.Dns.Records;

namespace Hearth.Dns.Providers.Cloudflare;

/// <summary>
/// Between Hearth's normalised values and Cloudflare's records: names and targets go without the trailing dot,
/// MX carries its preference in <c>priority</c>, SRV and CAA travel as <c>data</c>, TXT as its quoted strings (the
/// API keeps them as sent, and a hand-made unquoted TXT reads back as the same text).
/// </summary>
internal static class CloudflareRecordMapping
{
    public static bool TryType(string? text, out DnsRecordType type) =>
        Enum.TryParse(text, ignoreCase: false, out type) && Enum.IsDefined(type) && text == type.ToString();

    /// <summary>The record's value in normal form, or null when it cannot be read as one (it is then never taken as a match).</summary>
    public static string? ValueOf(CloudflareRecord record, DnsRecordType type)
    {
        var name = record.Name ?? "";
        var text = type switch
        {
            DnsRecordType.MX => $"{record.Priority ?? 0} {Host(record.Content)}",
            DnsRecordType.SRV when record.Data is { } d => $"{d.Priority} {d.Weight} {d.Port} {Host(d.Target)}",
            DnsRecordType.SRV => $"{record.Priority ?? 0} {record.Content}",
            DnsRecordType.CAA when record.Data is { Tag: { } tag, Value: { } value } d => new CaaValue(d.Flags ?? 0, tag, value).ToString(),
            DnsRecordType.CNAME or DnsRecordType.NS or DnsRecordType.PTR => Host(record.Content),
            _ => record.Content,
        };
        if (text is null)
            return null;
        try
        {
            return DnsRecordValue.Normalise(type, text, DnsNameContext.Absolute, name);
        }
        catch (DnsRecordException)
        {
            return null;
        }
    }

    /// <summary>A complete record for a create: the value's fields and the set's settings.</summary>
    public static CloudflareRecord Create(DnsRecordSet set, string value)
    {
        var record = ValueFields(set, value);
        record.Type = set.Type.ToString();
        record.Name = set.Name.Value.TrimEnd('.');
        record.Ttl = set.Ttl;
        record.Proxied = set.Proxied;
        record.Comment = set.Comment;
        return record;
    }

    /// <summary>The fields that carry <paramref name="value"/>, and nothing else (for a PATCH that changes a record's value).</summary>
    public static CloudflareRecord ValueFields(DnsRecordSet set, string value)
    {
        var names = DnsNameContext.Absolute;
        var owner = set.Name.Value;
        switch (set.Type)
        {
            case DnsRecordType.MX:
                var mx = MxValue.Parse(value, names, owner);
                return new CloudflareRecord { Priority = mx.Preference, Content = Bare(mx.Exchange) };
            case DnsRecordType.SRV:
                var srv = SrvValue.Parse(value, names, owner);
                return new CloudflareRecord { Data = new CloudflareRecordData { Priority = srv.Priority, Weight = srv.Weight, Port = srv.Port, Target = Bare(srv.Target) } };
            case DnsRecordType.CAA:
                var caa = CaaValue.Parse(value, owner);
                return new CloudflareRecord { Data = new CloudflareRecordData { Flags = caa.Flags, Tag = caa.Tag, Value = caa.Value } };
            case DnsRecordType.CNAME or DnsRecordType.NS or DnsRecordType.PTR:
                return new CloudflareRecord { Content = Bare(DnsName.Parse(value)) };
            default:
                return new CloudflareRecord { Content = value };
        }
    }

    /// <summary>A host as Cloudflare writes it: no trailing dot, except the root itself (a null MX or SRV).</summary>
    private static string Bare(DnsName name) => name.IsRoot ? "." : name.Value.TrimEnd('.');

    /// <summary>A host as Cloudflare sends it, made absolute (it never means a relative name).</summary>
    private static string? Host(string? content) => content is null ? null : content.EndsWith('.') ? content : content + ".";
}
