namespace Hearth.Dns.Records;

/// <summary>Where names in some input are relative to, and by which rules; values are normalised through it.</summary>
internal readonly record struct DnsNameContext(DnsName Origin, DnsNameSyntax Syntax)
{
    public static DnsNameContext Lab(DnsName zone) => new(zone, DnsNameSyntax.Lab);

    public static DnsNameContext ZoneFile(DnsName origin) => new(origin, DnsNameSyntax.ZoneFile);

    public static DnsNameContext Absolute => new(DnsName.Root, DnsNameSyntax.Absolute);

    /// <summary>Reads a name inside a value (CNAME, NS, PTR, MX or SRV target).</summary>
    public DnsName Target(string text) => Syntax switch
    {
        DnsNameSyntax.Lab => DnsName.Target(text, Origin),
        DnsNameSyntax.ZoneFile => DnsName.ParseRelative(text, Origin),
        _ => DnsName.Parse(text),
    };

    /// <summary>Reads a record's own name.</summary>
    public DnsName Owner(string text) => Syntax switch
    {
        DnsNameSyntax.Lab => DnsName.InZone(text, Origin),
        DnsNameSyntax.ZoneFile => DnsName.ParseRelative(text, Origin),
        _ => DnsName.Parse(text),
    };
}
