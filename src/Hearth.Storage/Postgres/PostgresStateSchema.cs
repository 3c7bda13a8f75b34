using Npgsql;

namespace Hearth.Storage.Postgres;

/// <summary>
/// Creates the backend's schema and its two tables when they are missing. Several first runs may do so at once, and
/// <c>CREATE … IF NOT EXISTS</c> alone is not safe under concurrency (two creators collide on the catalog's unique
/// index), so creation runs under a transaction-scoped advisory lock and looks again once it holds it. What exists
/// is checked first and never created again, so a user without CREATE rights can use a schema made for them.
/// </summary>
internal sealed class PostgresStateSchema(PostgresStateLocation location)
{
    private bool _ready;

    public async Task EnsureAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_ready)
            return;
        if (await MissingAsync(connection, cancellationToken) != Missing.Nothing)
        {
            await using var transaction = await PostgresStateLocation.BeginAsync(connection, cancellationToken);
            await using (var guard = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
            {
                guard.Parameters.AddWithValue("key", AdvisoryLockKey.SchemaCreation(location.Schema).Value);
                await guard.ExecuteNonQueryAsync(cancellationToken);
            }
            var missing = await MissingAsync(connection, cancellationToken);
            if (missing == Missing.Schema)
                await ExecuteAsync(connection, $"CREATE SCHEMA {location.QuotedSchema}", cancellationToken);
            if (missing != Missing.Nothing)
            {
                await ExecuteAsync(connection, $"""
                    CREATE TABLE IF NOT EXISTS {location.StatesTable} (
                      workspace  text        PRIMARY KEY,
                      content    bytea       NOT NULL,
                      version    bigint      NOT NULL CHECK (version > 0),
                      updated_at timestamptz NOT NULL DEFAULT now()
                    )
                    """, cancellationToken);
                await ExecuteAsync(connection, $"""
                    CREATE TABLE IF NOT EXISTS {location.LocksTable} (
                      workspace   text        PRIMARY KEY,
                      lock_id     text        NOT NULL,
                      info        jsonb       NOT NULL,
                      backend_pid integer     NOT NULL,
                      acquired_at timestamptz NOT NULL DEFAULT now()
                    )
                    """, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        _ready = true;
    }

    private enum Missing
    {
        Nothing,
        Tables,
        Schema,
    }

    /// <summary>Reads the catalog with a plain query (a fresh snapshot per statement), not through cached lookups.</summary>
    private async Task<Missing> MissingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @schema),
                   (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = @schema AND c.relname IN ('states', 'locks') AND c.relkind = 'r')
            """, connection);
        command.Parameters.AddWithValue("schema", location.Schema);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (!reader.GetBoolean(0))
            return Missing.Schema;
        return reader.GetInt64(1) == 2 ? Missing.Nothing : Missing.Tables;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
