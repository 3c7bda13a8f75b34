using Hearth.Dns.Records;

namespace Hearth.Dns.Ownership;

/// <summary>
/// Reads ExternalDNS's TXT registry in a zone listing, so Hearth leaves ExternalDNS's records alone: a record set
/// is ExternalDNS's when a TXT at one of its ownership names carries <c>heritage=external-dns</c> (any owner), or is
/// an opaque blob there (an encrypted registry entry). Ownership names are the record's own name (the old format,
/// any type but AAAA) and the name with <c>TYPE-</c> before its first label (the format written since v0.12).
/// </summary>
internal static class ExternalDnsRegistry
{
    private const string Heritage = "heritage=external-dns";

    /// <summary>The types whose registry entries carry a type prefix (ExternalDNS's mapper).</summary>
    private static readonly DnsRecordType[] PrefixedTypes =
        [DnsRecordType.A, DnsRecordType.AAAA, DnsRecordType.CNAME, DnsRecordType.NS, DnsRecordType.MX, DnsRecordType.PTR, DnsRecordType.SRV, DnsRecordType.TXT];

    public static ExternalDnsOwner? OwnerOf(DnsRecordKey record, DnsRecordSets zone, ExternalDnsLayout layout)
    {
        foreach (var name in OwnershipNames(record, layout))
        {
            if (zone.Find(new DnsRecordKey(name, DnsRecordType.TXT)) is not { } txt)
                continue;
            foreach (var value in txt.Values)
            {
                var text = TxtValue.Parse(value).Text;
                if (Labels(text) is { } labels)
                    return new ExternalDnsOwner(labels.GetValueOrDefault("external-dns/owner"), name.Value);
                if (LooksEncrypted(text))
                    return new ExternalDnsOwner(null, name.Value);
            }
        }
        return null;
    }

    /// <summary>
    /// True when <paramref name="txt"/> is a registry entry itself: a TXT carrying <c>heritage=external-dns</c>, or an
    /// opaque blob (an encrypted entry) at a registry name or beside the records it would describe.
    /// </summary>
    public static bool IsRegistryEntry(DnsRecordSet txt, DnsRecordSets zone, ExternalDnsLayout layout)
    {
        if (txt.Type != DnsRecordType.TXT)
            return false;
        var texts = txt.Values.Select(v => TxtValue.Parse(v).Text).ToList();
        if (texts.Any(text => Labels(text) is not null))
            return true;
        return texts.Any(LooksEncrypted) &&
            (IsRegistryName(txt.Name, layout) || zone.Any(set => set.Name == txt.Name && set.Type != DnsRecordType.TXT));
    }

    /// <summary>True when <paramref name="name"/> is where ExternalDNS keeps (or would keep) a registry entry: Hearth must not put a TXT there.</summary>
    public static bool IsRegistryName(DnsName name, ExternalDnsLayout layout) =>
        layout.IsAffixedName(name) ||
        (name.Labels.Count > 0 && PrefixedTypes.Any(t => name.Labels[0].StartsWith(Prefix(t), StringComparison.Ordinal) && name.Labels[0].Length > Prefix(t).Length));

    /// <summary>Where a registry entry for <paramref name="record"/> may be: its own name, <c>TYPE-NAME</c>, and the layout's affixed name.</summary>
    public static IEnumerable<DnsName> OwnershipNames(DnsRecordKey record, ExternalDnsLayout layout)
    {
        if (layout.AffixedName(record) is { } affixed)
            yield return affixed;
        if (record.Type != DnsRecordType.AAAA)
            yield return record.Name;
        if (PrefixedTypes.Contains(record.Type) && record.Name.Labels.Count > 0 && record.Name.Parent is { } parent)
            yield return parent.Prepend(Prefix(record.Type) + record.Name.Labels[0]);
    }

    private static string Prefix(DnsRecordType type) => type.ToString().ToLowerInvariant() + "-";

    /// <summary>The label list of a registry value (<c>heritage=external-dns,external-dns/owner=…</c>); null when it is not one.</summary>
    private static Dictionary<string, string>? Labels(string text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Trim('"').Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
                labels[part[..equals]] = part[(equals + 1)..];
        }
        return labels.TryGetValue("heritage", out var heritage) && $"heritage={heritage}" == Heritage ? labels : null;
    }

    /// <summary>An encrypted entry: base64 of a 12-byte nonce and AES-GCM output, so never short, and with no spaces.</summary>
    private static bool LooksEncrypted(string text)
    {
        if (text.Length < 40 || text.Contains(' ', StringComparison.Ordinal))
            return false;
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var length) && length >= 28;
    }
}
