using Hearth.Testing.Knot;

namespace Hearth.Dns.Tests.Providers.Rfc2136;

/// <summary>One knotd for every Knot rfc2136 test; each test takes its own zone.</summary>
[CollectionDefinition(Name)]
public sealed class KnotCollection : ICollectionFixture<KnotServer>
{
    public const string Name = "knot";
}
