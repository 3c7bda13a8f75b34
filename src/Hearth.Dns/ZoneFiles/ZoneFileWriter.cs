using System.Globalization;
using System.Text;
using Hearth.Dns.Records;

namespace Hearth.Dns.ZoneFiles;

/// <summary>
/// Lays out a zone file the same way every time, so a diff of two writes shows only what changed: <c>$ORIGIN</c>
/// and <c>$TTL</c>, the SOA with one commented field per line, the apex NS, then one line per record in canonical
/// name order and type order, owners relative to the origin, targets as full names, aligned columns; records of
/// other types follow as read, each under the origin it was read with.
/// </summary>
internal static class ZoneFileWriter
{
    // Columns are aligned up to this owner width; a longer owner just pushes its own line out.
    private const int MaxOwnerColumn = 40;

    public static string Render(ZoneFile zone)
    {
        var lines = new List<(string Owner, int Ttl, string Type, string Data)>();
        var apexNs = zone.Records.Find(new DnsRecordKey(zone.Zone, DnsRecordType.NS));
        var ordered = apexNs is null ? zone.Records : zone.Records.Where(s => s != apexNs).Prepend(apexNs);
        foreach (var set in ordered)
        {
            foreach (var value in set.Values)
                lines.Add((set.Name.RelativeTo(zone.Zone), set.Ttl, set.Type.ToString(), value));
        }

        var ownerWidth = Math.Min(MaxOwnerColumn, lines.Select(l => l.Owner.Length).DefaultIfEmpty(1).Max());
        var ttlWidth = lines.Select(l => Digits(l.Ttl)).Append(Digits(zone.Soa.Ttl)).Max();
        var text = new StringBuilder()
            .Append("; Zone ").Append(zone.Zone).Append(", written by Hearth from the lab: edit the lab, not this file.\n")
            .Append("$ORIGIN ").Append(zone.Zone).Append('\n')
            .Append("$TTL ").Append(Number(zone.DefaultTtl)).Append('\n');
        AppendSoa(text, zone, ownerWidth, ttlWidth);
        foreach (var (owner, ttl, type, data) in lines)
            AppendLine(text, owner, ownerWidth, ttl, ttlWidth, type, data);

        var origin = zone.Zone;
        foreach (var other in zone.OtherRecords)
        {
            if (other.Origin != origin)
            {
                origin = other.Origin;
                text.Append("$ORIGIN ").Append(origin).Append('\n');
            }
            AppendLine(text, other.Name.RelativeTo(origin), ownerWidth, other.Ttl, ttlWidth, other.Type, other.Data);
        }
        if (origin != zone.Zone)
            text.Append("$ORIGIN ").Append(zone.Zone).Append('\n');
        return text.ToString();
    }

    private static void AppendSoa(StringBuilder text, ZoneFile zone, int ownerWidth, int ttlWidth)
    {
        var soa = zone.Soa;
        var indent = new string(' ', ownerWidth + ttlWidth + 11);
        AppendLine(text, "@", ownerWidth, soa.Ttl, ttlWidth, "SOA", $"{soa.PrimaryServer} {soa.Mailbox} (");
        (string Value, string Comment)[] fields =
        [
            (soa.Serial.ToString(CultureInfo.InvariantCulture), "serial"),
            (Number(soa.Refresh), "refresh"),
            (Number(soa.Retry), "retry"),
            (Number(soa.Expire), "expire"),
            (Number(soa.Minimum), "minimum (negative answers)"),
        ];
        for (var i = 0; i < fields.Length; i++)
        {
            var value = i == fields.Length - 1 ? fields[i].Value + " )" : fields[i].Value;
            text.Append(indent).Append(value.PadRight(12)).Append(" ; ").Append(fields[i].Comment).Append('\n');
        }
    }

    private static void AppendLine(StringBuilder text, string owner, int ownerWidth, int ttl, int ttlWidth, string type, string data) =>
        text.Append(owner.PadRight(ownerWidth)).Append(' ')
            .Append(Number(ttl).PadLeft(ttlWidth)).Append(" IN ")
            .Append(type.PadRight(5)).Append(' ')
            .Append(data).Append('\n');

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Digits(int value) => Number(value).Length;
}
