using System.Net;
using System.Text;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using Hearth.Core.Diagnostics;
using Hearth.Dns.Records;

namespace Hearth.Dns.Providers.Rfc2136;

/// <summary>
/// Converts between Hearth's record sets (values in normal form) and ARSoft.Tools.Net's wire records, both ways.
/// </summary>
/// <remarks>
/// ARSoft.Tools.Net reads and writes TXT and CAA text as ASCII (a byte above 127 becomes '?'), so a value with such
/// bytes is refused before anything is sent rather than silently changed on the server.
/// </remarks>
internal static class WireRecords
{
    public static RecordType TypeOf(DnsRecordType type) => type switch
    {
        DnsRecordType.A => RecordType.A,
        DnsRecordType.AAAA => RecordType.Aaaa,
        DnsRecordType.CNAME => RecordType.CName,
        DnsRecordType.MX => RecordType.Mx,
        DnsRecordType.TXT => RecordType.Txt,
        DnsRecordType.SRV => RecordType.Srv,
        DnsRecordType.CAA => RecordType.CAA,
        DnsRecordType.NS => RecordType.Ns,
        DnsRecordType.PTR => RecordType.Ptr,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static DomainName NameOf(DnsName name) => name.IsRoot ? DomainName.Root : DomainName.Parse(name.Value);

    /// <exception cref="ResourceException">A TXT or CAA value holds bytes beyond ASCII, which the library cannot send.</exception>
    public static List<DnsRecordBase> ToWire(DnsRecordSet set)
    {
        var owner = NameOf(set.Name);
        return [.. set.Values.Select(value => ToWire(set, owner, value))];
    }

    /// <summary>
    /// The zone's record sets of the managed types, from a transfer's records. SOA, the apex NS (the zone's own
    /// servers), other types and any record that does not read as a valid value are left out, so one odd record never
    /// stops a whole listing.
    /// </summary>
    public static DnsRecordSets FromWire(DnsName zone, IEnumerable<DnsRecordBase> records)
    {
        var groups = new Dictionary<DnsRecordKey, (int Ttl, List<string> Values)>();
        foreach (var record in records)
        {
            if (TryRead(zone, record) is not { } read)
                continue;
            if (!groups.TryGetValue(read.Key, out var group))
                groups[read.Key] = group = (record.TimeToLive, []);
            group.Values.Add(read.Value);
        }
        var sets = new List<DnsRecordSet>();
        foreach (var (key, group) in groups)
        {
            try
            {
                sets.Add(DnsRecordSet.Create(key.Name, key.Type, group.Ttl, group.Values.Distinct(StringComparer.Ordinal), DnsNameContext.Absolute));
            }
            catch (DnsRecordException)
            {
                // A set the record model refuses (two CNAME targets, a TTL of 0) is not Hearth's to plan; leave it out.
            }
        }
        return DnsRecordSets.Of(sets);
    }

    private static (DnsRecordKey Key, string Value)? TryRead(DnsName zone, DnsRecordBase record)
    {
        try
        {
            var name = DnsName.Parse(record.Name.ToString());
            if (!name.IsAtOrBelow(zone) || (record.RecordType == RecordType.Ns && name == zone))
                return null;
            (DnsRecordType Type, string Text)? value = record switch
            {
                ARecord a => (DnsRecordType.A, a.Address.ToString()),
                AaaaRecord aaaa => (DnsRecordType.AAAA, aaaa.Address.ToString()),
                CNameRecord cname => (DnsRecordType.CNAME, cname.CanonicalName.ToString()),
                NsRecord ns => (DnsRecordType.NS, ns.NameServer.ToString()),
                PtrRecord ptr => (DnsRecordType.PTR, ptr.PointerDomainName.ToString()),
                MxRecord mx => (DnsRecordType.MX, $"{mx.Preference} {mx.ExchangeDomainName}"),
                SrvRecord srv => (DnsRecordType.SRV, $"{srv.Priority} {srv.Weight} {srv.Port} {srv.Target}"),
                CAARecord caa => (DnsRecordType.CAA, $"{caa.Flags} {caa.Tag} {CharacterString.Quote(Encoding.Latin1.GetBytes(caa.Value))}"),
                TxtRecord txt => (DnsRecordType.TXT, TxtValue.FromStrings(txt.TextParts.Select(Encoding.Latin1.GetBytes)).ToString()),
                _ => null,
            };
            if (value is not { } found)
                return null;
            return (new DnsRecordKey(name, found.Type), DnsRecordValue.Normalise(found.Type, found.Text, DnsNameContext.Absolute, name.Value));
        }
        catch (Exception e) when (e is DnsRecordException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static DnsRecordBase ToWire(DnsRecordSet set, DomainName owner, string value)
    {
        var ttl = set.Ttl;
        switch (set.Type)
        {
            case DnsRecordType.A:
                return new ARecord(owner, ttl, IPAddress.Parse(value));
            case DnsRecordType.AAAA:
                return new AaaaRecord(owner, ttl, IPAddress.Parse(value));
            case DnsRecordType.CNAME:
                return new CNameRecord(owner, ttl, Host(value));
            case DnsRecordType.NS:
                return new NsRecord(owner, ttl, Host(value));
            case DnsRecordType.PTR:
                return new PtrRecord(owner, ttl, Host(value));
            case DnsRecordType.MX:
                var mx = MxValue.Parse(value, DnsNameContext.Absolute, set.Name.Value);
                return new MxRecord(owner, ttl, (ushort)mx.Preference, NameOf(mx.Exchange));
            case DnsRecordType.SRV:
                var srv = SrvValue.Parse(value, DnsNameContext.Absolute, set.Name.Value);
                return new SrvRecord(owner, ttl, (ushort)srv.Priority, (ushort)srv.Weight, (ushort)srv.Port, NameOf(srv.Target));
            case DnsRecordType.CAA:
                var caa = CaaValue.Parse(value, set.Name.Value);
                return new CAARecord(owner, ttl, (byte)caa.Flags, caa.Tag, Ascii(set, caa.Value, Encoding.UTF8.GetBytes(caa.Value)));
            case DnsRecordType.TXT:
                return new TxtRecord(owner, ttl, TxtValue.Parse(value).Split().Select(part => Ascii(set, value, part)));
            default:
                throw new ArgumentOutOfRangeException(nameof(set), set.Type, null);
        }
    }

    private static DomainName Host(string value) => NameOf(DnsName.Parse(value));

    private static string Ascii(DnsRecordSet set, string value, byte[] bytes)
    {
        if (bytes.Any(b => b > 127))
        {
            throw new ResourceException($"{set.Name} {set.Type}: the value {value} holds characters beyond ASCII, which the rfc2136 provider cannot send unchanged",
                "write the text in ASCII (for TXT, \\DDD escapes of bytes above 127 are also refused), or use another provider for this zone");
        }
        return Encoding.Latin1.GetString(bytes);
    }
}
