using Hearth.Dns.Records;

namespace Hearth.Dns.ZoneFiles;

/// <summary>
/// A record of a type Hearth does not manage (DNSKEY, HTTPS, SSHFP, TLSA, …), kept as written so rewriting the file
/// never loses it. <see cref="Data"/> is its tokens joined by single blanks; names in it are relative to
/// <see cref="Origin"/>, the origin in force where it was read, which the writer restores around it.
/// </summary>
internal sealed record ZoneFileRecord(DnsName Name, int Ttl, string Type, string Data, DnsName Origin)
{
    public override string ToString() => $"{Name} {Ttl} IN {Type} {Data}";
}
