using Hearth.Testing;

namespace Hearth.Dns.Tests.Providers.PowerDns;

/// <summary>One pdns_server for every PowerDNS test; each test works in a zone of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PowerDnsCollection : ICollectionFixture<PowerDnsServer>
{
    public const string Name = "powerdns";
}
