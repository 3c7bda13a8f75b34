using Hearth.Testing.Postgres;

namespace Hearth.Cli.Tests.Processes.StateBackends;

[Collection(PostgresProcessCollection.Name)]
public sealed class PostgresStateLockingTests(PostgresServer server) : StateLockingContract
{
    protected override Task<StateLocation> NewLocationAsync() => Task.FromResult(PostgresProcessCollection.NewLocation(server));
}
