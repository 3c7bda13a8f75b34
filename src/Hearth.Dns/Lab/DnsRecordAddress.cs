using System.Text;
using Hearth.Core.Addressing;
using Hearth.Dns.Records;

namespace Hearth.Dns.Lab;

/// <summary>
/// A record set's address, <c>dns_record.ZONE.NAME_TYPE</c> with both parts made address-safe:
/// <c>dns_record.qt_rs.k8s_A</c>, <c>dns_record.qt_rs.apex_MX</c>, <c>dns_record.qt_rs._acme-challenge_TXT</c>.
/// </summary>
internal static class DnsRecordAddress
{
    public const string Kind = "dns_record";

    public static ResourceAddress For(DnsName zone, DnsName name, DnsRecordType type)
    {
        var relative = name == zone ? "apex" : name.RelativeTo(zone).Replace("*", "wildcard", StringComparison.Ordinal);
        return new ResourceAddress(Kind, $"{Part(zone.Value.TrimEnd('.'))}.{Part(relative)}_{type}");
    }

    /// <summary>Dots and anything else an address cannot hold become <c>_</c>; a leading digit gets one in front.</summary>
    internal static string Part(string text)
    {
        var part = new StringBuilder(text.Length + 1);
        foreach (var c in text)
            part.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        if (part.Length == 0 || !(char.IsAsciiLetter(part[0]) || part[0] == '_'))
            part.Insert(0, '_');
        return part.ToString();
    }
}
