namespace Hearth.Dns.Records;

/// <summary>
/// A fully qualified domain name in its one normal form: ASCII lower case, with the trailing dot (<c>www.qt.rs.</c>;
/// the root is <c>.</c>). Labels are letters, digits, <c>-</c> and <c>_</c> (service names such as <c>_sip._tcp</c>),
/// at most 63 bytes each, the whole name at most 255 bytes on the wire; <c>*</c> is allowed only as the whole
/// first label. Internationalised names are written in their <c>xn--</c> form. Equal names are equal objects,
/// and ordering is DNSSEC's canonical order (RFC 4034 §6.1), which lists a zone's apex first and keeps each
/// subtree together.
/// </summary>
/// <remarks>
/// How text without a trailing dot is read depends on where it comes from: <see cref="Parse"/> (an FQDN, as APIs
/// return names), <see cref="ParseRelative"/> (zone-file rules), <see cref="InZone"/> and <see cref="Target"/>
/// (the lab's rules for record names and for names inside values). All throw <see cref="DnsRecordException"/>.
/// </remarks>
internal sealed class DnsName : IEquatable<DnsName>, IComparable<DnsName>
{
    private const int MaxLabelBytes = 63;

    // 255 bytes on the wire is 254 characters of text with the trailing dot (each dot stands for a length byte,
    // plus the root's zero byte).
    private const int MaxTextLength = 254;

    public static readonly DnsName Root = new(".", []);

    private readonly string[] _labels;

    private DnsName(string value, string[] labels)
    {
        Value = value;
        _labels = labels;
    }

    /// <summary>The normal form: lower case with the trailing dot.</summary>
    public string Value { get; }

    /// <summary>The labels from left to right (<c>www</c>, <c>qt</c>, <c>rs</c>); none for the root.</summary>
    public IReadOnlyList<string> Labels => _labels;

    public bool IsRoot => _labels.Length == 0;

    public bool IsWildcard => _labels.Length > 0 && _labels[0] == "*";

    /// <summary>The name one label up (<c>qt.rs.</c> for <c>www.qt.rs.</c>); null for the root.</summary>
    public DnsName? Parent => IsRoot ? null : _labels.Length == 1 ? Root : new DnsName(Value[(_labels[0].Length + 1)..], _labels[1..]);

    /// <summary>Reads an absolute name; the trailing dot is optional because APIs (Cloudflare, ExternalDNS) leave it off.</summary>
    public static DnsName Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed == "@")
            throw Invalid(text, "'@' names a zone's apex and needs the zone", "write the full name");
        return Create(trimmed, text);
    }

    /// <summary>
    /// Reads a name by zone-file rules (RFC 1035 §5.1): <c>@</c> is <paramref name="origin"/>, a name with a
    /// trailing dot is absolute, and any other name is relative to <paramref name="origin"/>.
    /// </summary>
    public static DnsName ParseRelative(string text, DnsName origin)
    {
        var trimmed = text.Trim();
        if (trimmed == "@")
            return origin;
        if (trimmed.EndsWith('.'))
            return Create(trimmed, text);
        if (trimmed.Length == 0)
            throw Invalid(text, "the name is empty", "write a name, or '@' for the origin");
        return Create(origin.IsRoot ? trimmed : $"{trimmed}.{origin.Value}", text);
    }

    /// <summary>
    /// Reads a record's name as the lab writes it: <c>@</c> for the apex, names relative to <paramref name="zone"/>
    /// (<c>www</c>, <c>_acme-challenge.www</c>), or full names inside the zone with or without the trailing dot
    /// (<c>www.qt.rs</c>, <c>www.qt.rs.</c>, the way Cloudflare takes them). A name outside the zone is refused.
    /// </summary>
    public static DnsName InZone(string text, DnsName zone)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
            throw Invalid(text, "the record name is empty", "write '@' for the zone's apex");
        var name = trimmed == "@" ? zone
            : trimmed.EndsWith('.') || NamesZoneOrBelow(trimmed, zone) ? Create(trimmed, text)
            : Create($"{trimmed}.{zone.Value}", text);
        if (!name.IsAtOrBelow(zone))
        {
            throw Invalid(text, $"the name is outside the zone {zone.Value}",
                $"write it relative to the zone (www for www.{zone.Value}) or as a name ending in .{zone.Value}");
        }
        return name;
    }

    /// <summary>
    /// Reads a name inside a value (a CNAME, NS, PTR, MX or SRV target) as the lab writes it: <c>@</c>, a name with
    /// a trailing dot (anywhere), a name ending in the zone's name, or a single label relative to the zone
    /// (<c>mx1</c>). A name of several labels outside the zone without a trailing dot is refused: BIND would read
    /// <c>ghs.googlehosted.com</c> as relative, Cloudflare as absolute, so it must be written unambiguously.
    /// </summary>
    public static DnsName Target(string text, DnsName zone)
    {
        var trimmed = text.Trim();
        if (trimmed == "@")
            return zone;
        if (trimmed.EndsWith('.') || NamesZoneOrBelow(trimmed, zone))
            return Create(trimmed, text);
        if (trimmed.Length == 0)
            throw Invalid(text, "the target name is empty", "write a host name");
        if (!trimmed.Contains('.', StringComparison.Ordinal))
            return Create($"{trimmed}.{zone.Value}", text);
        throw new DnsRecordException(text, null, "ambiguous without a trailing dot",
            $"write '{trimmed}.' for a name outside the zone, or '{trimmed}.{zone.Value}' for one inside it");
    }

    /// <summary>True when this name is <paramref name="ancestor"/> or below it.</summary>
    public bool IsAtOrBelow(DnsName ancestor) =>
        ancestor.IsRoot || Value == ancestor.Value ||
        (Value.Length > ancestor.Value.Length && Value.EndsWith(ancestor.Value, StringComparison.Ordinal) &&
         Value[Value.Length - ancestor.Value.Length - 1] == '.');

    /// <summary>The name as a zone file with this origin writes it: <c>@</c>, a relative name, or the absolute name when outside.</summary>
    public string RelativeTo(DnsName origin)
    {
        if (Equals(origin))
            return "@";
        if (!IsAtOrBelow(origin))
            return Value;
        return origin.IsRoot ? Value[..^1] : Value[..^(origin.Value.Length + 1)];
    }

    /// <summary>This name with one more label on the left (<c>cname-app</c> before <c>qt.rs.</c>).</summary>
    public DnsName Prepend(string label) => Create(IsRoot ? $"{label}." : $"{label}.{Value}", label);

    public bool Equals(DnsName? other) => other is not null && Value == other.Value;

    public override bool Equals(object? obj) => Equals(obj as DnsName);

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Value;

    /// <summary>Canonical order: labels compared from the right as byte strings, an ancestor before its descendants.</summary>
    public int CompareTo(DnsName? other)
    {
        if (other is null)
            return 1;
        for (int i = _labels.Length - 1, j = other._labels.Length - 1; i >= 0 && j >= 0; i--, j--)
        {
            var byLabel = string.CompareOrdinal(_labels[i], other._labels[j]);
            if (byLabel != 0)
                return byLabel;
        }
        return _labels.Length.CompareTo(other._labels.Length);
    }

    public static bool operator ==(DnsName? left, DnsName? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(DnsName? left, DnsName? right) => !(left == right);

    private static bool NamesZoneOrBelow(string trimmed, DnsName zone)
    {
        if (zone.IsRoot)
            return false;
        var zoneText = zone.Value[..^1];
        return string.Equals(trimmed, zoneText, StringComparison.OrdinalIgnoreCase) ||
               trimmed.EndsWith("." + zoneText, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Validates and normalises an absolute name; <paramref name="written"/> is what error messages quote.</summary>
    private static DnsName Create(string absolute, string written)
    {
        if (absolute == ".")
            return Root;
        var text = absolute.EndsWith('.') ? absolute[..^1] : absolute;
        if (text.Length == 0)
            throw Invalid(written, "the name is empty", "write a name such as www.example.org.");
        foreach (var c in text)
        {
            if (!char.IsAscii(c))
                throw Invalid(written, $"'{c}' is not allowed in a DNS name", "write an internationalised name in its xn-- (punycode) form");
        }
        var labels = text.ToLowerInvariant().Split('.');
        for (var index = 0; index < labels.Length; index++)
        {
            var label = labels[index];
            if (label.Length == 0)
                throw Invalid(written, "the name has an empty label (two dots in a row, or a leading dot)", "remove the extra dot");
            if (label.Length > MaxLabelBytes)
                throw Invalid(written, $"the label '{label}' is {label.Length} bytes long; a label holds at most {MaxLabelBytes}", "shorten it");
            if (label == "*")
            {
                if (index != 0)
                    throw Invalid(written, "'*' is allowed only as the first label (a wildcard such as *.qt.rs.)", null);
                continue;
            }
            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                {
                    var hint = c == '*' ? "a wildcard is the whole first label: *.example.org." : "use letters, digits, '-' and '_'";
                    throw Invalid(written, $"'{c}' is not allowed in a DNS name", hint);
                }
            }
        }
        var value = string.Join('.', labels) + ".";
        if (value.Length > MaxTextLength)
            throw Invalid(written, $"the name is {value.Length + 1} bytes long on the wire; a name holds at most 255", "shorten it");
        return new DnsName(value, labels);
    }

    private static DnsRecordException Invalid(string written, string message, string? hint) =>
        new(written, null, $"not a valid DNS name: {message}", hint);
}
