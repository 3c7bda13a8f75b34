using Hearth.Testing.Postgres;

namespace Hearth.Cli.Tests.Processes.StateBackends;

[Collection(PostgresProcessCollection.Name)]
public sealed class PostgresStateCrashSafetyTests(PostgresServer server) : StateCrashSafetyContract
{
    protected override Task<StateLocation> NewLocationAsync() => Task.FromResult(PostgresProcessCollection.NewLocation(server));
}
