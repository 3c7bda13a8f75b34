using Hearth.Dns.Records;

namespace Hearth.Dns.ZoneFiles;

/// <summary>
/// The zone's SOA record (RFC 1035 §3.3.13). <see cref="Mailbox"/> is written as a name (<c>hostmaster.qt.rs.</c>
/// for hostmaster@qt.rs). Timers are seconds.
/// </summary>
internal sealed record SoaRecord(DnsName PrimaryServer, DnsName Mailbox, uint Serial, int Refresh, int Retry, int Expire, int Minimum, int Ttl)
{
    /// <summary>Usual timers for a small zone: refresh 1 h, retry 10 min, expire 14 days, negative caching 5 min.</summary>
    public static SoaRecord Default(DnsName primaryServer, DnsName mailbox) =>
        new(primaryServer, mailbox, Serial: 0, Refresh: 3600, Retry: 600, Expire: 1_209_600, Minimum: 300, Ttl: 3600);
}
