using Hearth.Testing.Postgres;

namespace Hearth.Storage.Tests.Postgres;

/// <summary>One PostgreSQL server for every postgres test class; each test takes a schema or database of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
