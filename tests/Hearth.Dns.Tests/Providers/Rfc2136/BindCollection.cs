using Hearth.Testing.Bind;

namespace Hearth.Dns.Tests.Providers.Rfc2136;

/// <summary>One named for every rfc2136 test; each test takes its own zone.</summary>
[CollectionDefinition(Name)]
public sealed class BindCollection : ICollectionFixture<BindServer>
{
    public const string Name = "bind";
}
