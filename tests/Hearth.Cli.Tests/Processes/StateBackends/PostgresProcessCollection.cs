using Hearth.Testing.Postgres;

namespace Hearth.Cli.Tests.Processes.StateBackends;

/// <summary>One PostgreSQL server for the process tests of the postgres state backend; each trial takes a schema of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresProcessCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres processes";

    public static StateLocation NewLocation(PostgresServer server) => new($$"""
        state: { backend: postgres, conn_str: "{{server.ConnectionString}}", schema: {{server.NewSchemaName()}} }
        """, LockOutlivesProcess: false);
}
