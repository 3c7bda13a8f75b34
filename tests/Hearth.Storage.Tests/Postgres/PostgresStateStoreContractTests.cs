using Hearth.Storage.Postgres;
using Hearth.Testing.Postgres;
using Hearth.Testing.RemoteState;

namespace Hearth.Storage.Tests.Postgres;

/// <summary>The remote state contract against a real PostgreSQL, each location a fresh schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStateStoreContractTests(PostgresServer server) : RemoteStateStoreContract, IAsyncLifetime
{
    private readonly List<PostgresStateLock> _locks = [];

    protected override Task<Func<RemoteStateClient>> NewLocationAsync()
    {
        var options = new PostgresStateOptions(server.ConnectionString, server.NewSchemaName());
        return Task.FromResult<Func<RemoteStateClient>>(() =>
        {
            var stateLock = new PostgresStateLock(options);
            lock (_locks)
                _locks.Add(stateLock);
            return new RemoteStateClient(new PostgresStateStore(options), stateLock);
        });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Ends the sessions of locks the contract leaves held, so they do not pile up on the shared server.</summary>
    public async Task DisposeAsync()
    {
        foreach (var stateLock in _locks)
            await stateLock.DisposeAsync();
    }
}
