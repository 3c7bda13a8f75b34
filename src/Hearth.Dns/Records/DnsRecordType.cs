namespace Hearth.Dns.Records;

/// <summary>
/// The record types Hearth manages. Others (SOA, DNSKEY, HTTPS, …) may exist in a zone; providers list them as
/// foreign data and never change them. Parse user text with <see cref="DnsRecordTypes.Parse"/>.
/// </summary>
internal enum DnsRecordType
{
    A,
    AAAA,
    CNAME,
    MX,
    TXT,
    SRV,
    CAA,
    NS,
    PTR,
}
