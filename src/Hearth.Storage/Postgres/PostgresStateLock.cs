using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Core.State.Remote;
using Npgsql;

namespace Hearth.Storage.Postgres;

/// <summary>
/// The postgres state lock: a session-level advisory lock (<c>pg_try_advisory_lock</c> on
/// <see cref="AdvisoryLockKey.StateLock"/>), held by a connection of its own that this object keeps open until
/// <see cref="ReleaseAsync"/>, with the holder's <see cref="LockInfo"/> in a row of <c>SCHEMA.locks</c> so others
/// can see who holds it.
/// </summary>
/// <remarks>
/// PostgreSQL drops a session's advisory locks when the session ends, so a killed run never leaves the lab locked;
/// it leaves only its row. The advisory lock is the truth and the row just describes it: <see cref="GetHolderAsync"/>
/// reports the row only while the backend it names still holds the advisory lock, a <see cref="TryAcquireAsync"/>
/// that finds such a dead run's row takes the lock and replaces it (see <see cref="ReplacedStaleHolder"/>), and
/// <see cref="ForceReleaseAsync"/> of a live holder ends the holder's session with <c>pg_terminate_backend</c>.
/// Disposing this object without releasing ends its sessions the same way a killed run's end.
/// </remarks>
public sealed class PostgresStateLock : IRemoteStateLock, IAsyncDisposable
{
    private readonly PostgresStateLocation _location;
    private readonly PostgresLockTable _table;
    private readonly Lock _sessionsLock = new();
    private readonly Dictionary<string, NpgsqlConnection> _sessions = new(StringComparer.Ordinal);

    /// <exception cref="StateException">The connection string, schema or workspace is unusable.</exception>
    public PostgresStateLock(PostgresStateOptions options)
    {
        _location = new PostgresStateLocation(options);
        _table = new PostgresLockTable(_location);
    }

    /// <summary>Where the lock is, for messages (no connection string).</summary>
    public string Location => _location.Description;

    /// <summary>
    /// The details of a run whose session had ended without releasing (killed, or its connection lost), found and
    /// replaced by the last successful <see cref="TryAcquireAsync"/>; null when that acquisition found no such row.
    /// </summary>
    public LockInfo? ReplacedStaleHolder { get; private set; }

    /// <exception cref="StateException">The server cannot be reached or refuses.</exception>
    public async Task<LockInfo?> TryAcquireAsync(LockInfo lockInfo, CancellationToken cancellationToken)
    {
        const string Doing = "taking the state lock";
        var session = await _location.OpenDedicatedAsync(Doing, cancellationToken);
        var keep = false;
        try
        {
            await _location.EnsureSchemaAsync(session, cancellationToken);
            await using var transaction = await PostgresStateLocation.BeginAsync(session, cancellationToken);
            await _table.EnterGateAsync(session, transaction, cancellationToken);
            // Once more when the holder's session ended between the try and the look at pg_locks.
            for (var attempt = 0; !await _table.TryLockAsync(session, transaction, cancellationToken); attempt++)
            {
                if (await _table.CurrentHolderAsync(session, transaction, cancellationToken) is { } holder)
                {
                    await transaction.CommitAsync(cancellationToken);
                    return holder;
                }
                if (attempt == 1)
                    throw new StateException($"the advisory lock on {Location} is neither free nor held by a visible session",
                        "run the command again; if it persists, look for the lock in pg_locks (locktype advisory)");
            }
            await PrepareSessionAsync(session, transaction, cancellationToken);
            var left = await _table.ReadAsync(session, transaction, cancellationToken);
            await _table.WriteAsync(session, transaction, lockInfo, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            ReplacedStaleHolder = left is not null && left.LockId != lockInfo.Id ? left.Info ?? _table.Unknown(left.BackendPid) : null;
            NpgsqlConnection? previous;
            lock (_sessionsLock)
            {
                _sessions.Remove(lockInfo.Id, out previous);
                _sessions[lockInfo.Id] = session;
            }
            if (previous is not null)
                await previous.DisposeAsync();
            keep = true;
            return null;
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw _location.Describe(e, Doing, connecting: false);
        }
        finally
        {
            // Closing the unpooled session is what gives up an advisory lock taken before a failure.
            if (!keep)
                await session.DisposeAsync();
        }
    }

    /// <summary>
    /// Unlocks and removes this run's row, both only if they are still this run's: a lock force-released and taken by
    /// another run since is left alone. When this run's session already ended, its row is removed once the server
    /// has seen the session end.
    /// </summary>
    /// <exception cref="StateException">This run's session is gone and the server cannot be reached to tidy its row.</exception>
    public async Task ReleaseAsync(LockInfo lockInfo, CancellationToken cancellationToken)
    {
        NpgsqlConnection? session;
        lock (_sessionsLock)
            _sessions.Remove(lockInfo.Id, out session);
        if (session is not null)
        {
            await using (session)
            {
                try
                {
                    await using var transaction = await PostgresStateLocation.BeginAsync(session, cancellationToken);
                    await _table.EnterGateAsync(session, transaction, cancellationToken);
                    await _table.DeleteAsync(session, transaction, lockInfo.Id, onlyIfSessionEnded: false, cancellationToken);
                    await _table.UnlockAsync(session, transaction, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return;
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
                {
                    // The session ended (force-unlocked, server restarted, network lost): its advisory lock went with it.
                }
            }
        }
        await _location.RunAsync("releasing the state lock", async connection =>
        {
            await using var transaction = await PostgresStateLocation.BeginAsync(connection, cancellationToken);
            await _table.EnterGateAsync(connection, transaction, cancellationToken);
            await _table.DeleteAsync(connection, transaction, lockInfo.Id, onlyIfSessionEnded: true, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>The holder while its session really holds the advisory lock; null when free, even if a dead run's row is left.</summary>
    /// <exception cref="StateException">The server cannot be reached or refuses.</exception>
    public Task<LockInfo?> GetHolderAsync(CancellationToken cancellationToken) =>
        _location.RunAsync("reading the state lock", async connection =>
        {
            await using var transaction = await PostgresStateLocation.BeginAsync(connection, cancellationToken);
            await _table.EnterGateAsync(connection, transaction, cancellationToken);
            var holder = await _table.CurrentHolderAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return holder;
        }, cancellationToken);

    /// <summary>
    /// Frees the lock <paramref name="lockId"/>. A live holder's session is ended with <c>pg_terminate_backend</c>
    /// (its advisory lock cannot be released from another session; the holder's next statement on that session
    /// fails, and its later state writes are refused by the store's version check), which needs the same database
    /// user as the holder, a superuser, or a member of <c>pg_signal_backend</c>. A dead run's row is just removed.
    /// </summary>
    /// <exception cref="StateException">There is no lock, it has another ID, or the holder's session may not be ended.</exception>
    public Task ForceReleaseAsync(string lockId, CancellationToken cancellationToken) =>
        _location.RunAsync("force-releasing the state lock", async connection =>
        {
            await using var transaction = await PostgresStateLocation.BeginAsync(connection, cancellationToken);
            await _table.EnterGateAsync(connection, transaction, cancellationToken);
            var pid = await _table.HolderPidAsync(connection, transaction, cancellationToken);
            var record = await _table.ReadAsync(connection, transaction, cancellationToken);
            if (record is null && pid is { } unrecorded)
                throw new StateException($"the lock on {Location} is held by PostgreSQL backend {unrecorded}, which recorded no lock ID",
                    $"see that session with SELECT * FROM pg_stat_activity WHERE pid = {unrecorded}; end it with SELECT pg_terminate_backend({unrecorded})");
            if (record is null || record.LockId != lockId)
                throw new StateException(record is null ? $"there is no lock on {Location}" : $"the lock on {Location} has ID {record.LockId}, not {lockId}",
                    "check the ID in the error that reported the lock");
            if (pid is { } holder)
            {
                if (holder != record.BackendPid)
                    throw new StateException($"the lock on {Location} is held by PostgreSQL backend {holder}, not by backend {record.BackendPid} that recorded lock {lockId}",
                        $"see that session with SELECT * FROM pg_stat_activity WHERE pid = {holder}");
                await _table.TerminateAsync(connection, transaction, holder, cancellationToken);
            }
            await _table.DeleteAsync(connection, transaction, lockId, onlyIfSessionEnded: false, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>Ends this object's sessions without removing their rows: what a killed run leaves.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection[] sessions;
        lock (_sessionsLock)
        {
            sessions = [.. _sessions.Values];
            _sessions.Clear();
        }
        foreach (var session in sessions)
            await session.DisposeAsync();
    }

    /// <summary>
    /// The lock lives as long as this session: have the server probe the client (so a vanished machine's lock is
    /// dropped within about a minute) and never end the session for idling.
    /// </summary>
    private static async Task PrepareSessionAsync(NpgsqlConnection session, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // SET (not SET LOCAL) inside the transaction outlives its commit: these hold for the whole session.
        var sql = "SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3";
        if (session.PostgreSqlVersion.Major >= 14)
            sql += "; SET idle_session_timeout = 0";
        await using var command = new NpgsqlCommand(sql, session, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
