namespace Hearth.Dns.Records;

/// <summary>How a name without a trailing dot is read, which depends on where the text comes from.</summary>
internal enum DnsNameSyntax
{
    /// <summary>The lab: <see cref="DnsName.InZone"/> for record names, <see cref="DnsName.Target"/> inside values.</summary>
    Lab,

    /// <summary>A zone file (and servers that store zone-file text, such as OVH): relative to the origin unless it ends in a dot.</summary>
    ZoneFile,

    /// <summary>An API that returns full names, with or without the trailing dot (Cloudflare, PowerDNS).</summary>
    Absolute,
}
