using System.Globalization;
using Hearth.Core.State.Remote;
using Npgsql;

namespace Hearth.Storage.Postgres;

/// <summary>
/// The state's bytes in PostgreSQL: one row per workspace in <c>SCHEMA.states</c>, with a counter that every write
/// raises. The counter is the version: a write names the one it read and is refused when the row has moved on, so a
/// run that lost its lock cannot overwrite a newer state. Schema and tables are created on first use.
/// </summary>
/// <remarks>
/// Failures to connect, to log in or to find the database surface as <see cref="Core.Diagnostics.StateException"/>
/// naming the host, port, database and user (never the connection string or password).
/// </remarks>
public sealed class PostgresStateStore : IRemoteStateStore
{
    private readonly PostgresStateLocation _location;

    /// <exception cref="Core.Diagnostics.StateException">The connection string, schema or workspace is unusable.</exception>
    public PostgresStateStore(PostgresStateOptions options) => _location = new PostgresStateLocation(options);

    public string Location => _location.Description;

    public Task<StoredState?> ReadAsync(CancellationToken cancellationToken) =>
        _location.RunAsync("reading the state", async connection =>
        {
            await using var command = new NpgsqlCommand($"SELECT content, version FROM {_location.StatesTable} WHERE workspace = @workspace", connection);
            command.Parameters.AddWithValue("workspace", _location.Workspace);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
                return null;
            return new StoredState(reader.GetFieldValue<byte[]>(0), VersionText(reader.GetInt64(1)));
        }, cancellationToken);

    public Task<string> WriteAsync(byte[] content, string? expectedVersion, CancellationToken cancellationToken) =>
        _location.RunAsync("writing the state", async connection =>
        {
            await using var transaction = await PostgresStateLocation.BeginAsync(connection, cancellationToken);
            var sql = expectedVersion is null
                ? $"""
                   INSERT INTO {_location.StatesTable} (workspace, content, version) VALUES (@workspace, @content, 1)
                   ON CONFLICT (workspace) DO NOTHING RETURNING version
                   """
                : $"""
                   UPDATE {_location.StatesTable} SET content = @content, version = version + 1, updated_at = now()
                   WHERE workspace = @workspace AND version = @expected RETURNING version
                   """;
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("workspace", _location.Workspace);
            command.Parameters.AddWithValue("content", content);
            if (expectedVersion is not null)
            {
                // A version this store never issued matches no row: the write is refused as a conflict below.
                command.Parameters.AddWithValue("expected", ParseVersion(expectedVersion) ?? 0L);
            }
            var written = await command.ExecuteScalarAsync(cancellationToken);
            if (written is long version)
            {
                await transaction.CommitAsync(cancellationToken);
                return VersionText(version);
            }
            var stored = await StoredVersionAsync(connection, transaction, cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            throw new StateConflictException(Location, expectedVersion, stored);
        }, cancellationToken);

    private async Task<string?> StoredVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT version FROM {_location.StatesTable} WHERE workspace = @workspace", connection, transaction);
        command.Parameters.AddWithValue("workspace", _location.Workspace);
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? VersionText(version) : null;
    }

    private static string VersionText(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static long? ParseVersion(string version) =>
        long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
}
