using System.Text;
using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Npgsql;
using NpgsqlTypes;

namespace Hearth.Storage.Postgres;

/// <summary>
/// The statements behind the postgres lock: the advisory locks, the holder rows in <c>SCHEMA.locks</c>, and what
/// <c>pg_locks</c> says about who really holds the lock. Every caller runs them inside a transaction that first
/// enters the gate (<see cref="EnterGateAsync"/>), so a holder's advisory lock and its row change together.
/// </summary>
internal sealed class PostgresLockTable(PostgresStateLocation location)
{
    /// <summary>How long a force-release waits for the terminated holder's session to end and drop its lock.</summary>
    private static readonly TimeSpan TerminationWait = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan TerminationPoll = TimeSpan.FromMilliseconds(20);

    public Task EnterGateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        ScalarAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", location.GateKey, cancellationToken);

    /// <summary>Takes the session-level advisory lock on this connection's session, if nobody holds it.</summary>
    public async Task<bool> TryLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await ScalarAsync(connection, transaction, "SELECT pg_try_advisory_lock(@key)", location.LockKey, cancellationToken) is true;

    public Task UnlockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        ScalarAsync(connection, transaction, "SELECT pg_advisory_unlock(@key)", location.LockKey, cancellationToken);

    /// <summary>The backend whose session holds the advisory lock now, or null: the truth a holder row is checked against.</summary>
    public async Task<int?> HolderPidAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // A bigint key shows in pg_locks as classid = high half, objid = low half, objsubid = 1.
        await using var command = new NpgsqlCommand("""
            SELECT pid FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND classid = @class AND objid = @object
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("class", NpgsqlDbType.Oid) { Value = location.LockKey.ClassId });
        command.Parameters.Add(new NpgsqlParameter("object", NpgsqlDbType.Oid) { Value = location.LockKey.ObjectId });
        return await command.ExecuteScalarAsync(cancellationToken) is int pid ? pid : null;
    }

    public async Task<PostgresLockRecord?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT lock_id, info::text, backend_pid FROM {location.LocksTable} WHERE workspace = @workspace", connection, transaction);
        command.Parameters.AddWithValue("workspace", location.Workspace);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new PostgresLockRecord(reader.GetString(0), LockInfoJson.Read(Encoding.UTF8.GetBytes(reader.GetString(1))), reader.GetInt32(2));
    }

    /// <summary>Who holds the lock: the row's details while its backend really holds the advisory lock, else null.</summary>
    public async Task<LockInfo?> CurrentHolderAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (await HolderPidAsync(connection, transaction, cancellationToken) is not { } pid)
            return null;
        var record = await ReadAsync(connection, transaction, cancellationToken);
        return record is { Info: { } info } && record.BackendPid == pid ? info : Unknown(pid);
    }

    /// <summary>Records this session (<c>pg_backend_pid()</c>) as the holder, replacing a dead run's row.</summary>
    public async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LockInfo info, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {location.LocksTable} (workspace, lock_id, info, backend_pid, acquired_at)
            VALUES (@workspace, @id, @info::jsonb, pg_backend_pid(), now())
            ON CONFLICT (workspace) DO UPDATE SET lock_id = EXCLUDED.lock_id, info = EXCLUDED.info,
              backend_pid = EXCLUDED.backend_pid, acquired_at = EXCLUDED.acquired_at
            """, connection, transaction);
        command.Parameters.AddWithValue("workspace", location.Workspace);
        command.Parameters.AddWithValue("id", info.Id);
        command.Parameters.AddWithValue("info", Encoding.UTF8.GetString(LockInfoJson.ToBytes(info)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Removes the row of <paramref name="lockId"/>; with <paramref name="onlyIfSessionEnded"/>, only once the session that wrote it has ended.</summary>
    public async Task DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string lockId, bool onlyIfSessionEnded, CancellationToken cancellationToken)
    {
        var condition = onlyIfSessionEnded ? " AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = backend_pid)" : "";
        await using var command = new NpgsqlCommand(
            $"DELETE FROM {location.LocksTable} WHERE workspace = @workspace AND lock_id = @id{condition}", connection, transaction);
        command.Parameters.AddWithValue("workspace", location.Workspace);
        command.Parameters.AddWithValue("id", lockId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Ends the holder's session with <c>pg_terminate_backend</c> and waits until its advisory lock is gone: a session
    /// lock can only be released by its own session, so ending the session is the only way to free it from outside.
    /// </summary>
    public async Task TerminateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int pid, CancellationToken cancellationToken)
    {
        await using (var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection, transaction))
        {
            command.Parameters.AddWithValue("pid", pid);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new StateException(
                    $"user {location.Username} may not end the session of the lock's holder (PostgreSQL backend {pid}) on {location.Description}",
                    $"stop the holding run, or have a superuser or a member of pg_signal_backend run SELECT pg_terminate_backend({pid})", e);
            }
        }
        var deadline = DateTimeOffset.UtcNow + TerminationWait;
        while (await HolderPidAsync(connection, transaction, cancellationToken) == pid)
        {
            if (DateTimeOffset.UtcNow >= deadline)
                throw new StateException(
                    $"the lock holder's session (PostgreSQL backend {pid}) did not end within {TerminationWait.TotalSeconds:0} s of being terminated",
                    "run force-unlock again; if it persists, check that backend in pg_stat_activity");
            await Task.Delay(TerminationPoll, cancellationToken);
        }
    }

    /// <summary>The lock is held but its row is missing or another session's: say which backend holds it.</summary>
    public LockInfo Unknown(int pid) =>
        new("unknown", "unknown", $"PostgreSQL backend {pid} (no holder details recorded)", DateTimeOffset.UtcNow, location.Description, "", 0);

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, AdvisoryLockKey key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("key", key.Value);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
