using Hearth.Core.State.Remote;
using Hearth.Storage.Postgres;
using Hearth.Testing.Postgres;

namespace Hearth.Cli.Tests.Processes.StateBackends;

/// <summary>One PostgreSQL server for the process tests of the postgres state backend; each trial takes a schema of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresProcessCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres processes";

    public static StateLocation NewLocation(PostgresServer server)
    {
        var options = new PostgresStateOptions(server.ConnectionString, server.NewSchemaName());
        return new StateLocation($$"""
            state: { backend: postgres, conn_str: "{{server.ConnectionString}}", schema: {{options.Schema}} }
            """,
            directory => new RemoteStateBackend(new PostgresStateStore(options), new PostgresStateLock(options),
                new RemoteStateOptions { LabDirectory = directory, HearthVersion = "test" }),
            LockOutlivesProcess: false);
    }
}

[Collection(PostgresProcessCollection.Name)]
public sealed class PostgresStateLockingTests(PostgresServer server) : StateLockingContract
{
    protected override Task<StateLocation> NewLocationAsync() => Task.FromResult(PostgresProcessCollection.NewLocation(server));
}

[Collection(PostgresProcessCollection.Name)]
public sealed class PostgresStateCrashSafetyTests(PostgresServer server) : StateCrashSafetyContract
{
    protected override Task<StateLocation> NewLocationAsync() => Task.FromResult(PostgresProcessCollection.NewLocation(server));
}
