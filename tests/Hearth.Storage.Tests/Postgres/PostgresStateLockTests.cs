using System.Text;
using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Storage.Postgres;
using Hearth.Testing.Postgres;

namespace Hearth.Storage.Tests.Postgres;

/// <summary>What the postgres lock does beyond the contract: runs that die, force-unlock, and the holder rows.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStateLockTests(PostgresServer server) : IAsyncLifetime
{
    private static CancellationToken Token => CancellationToken.None;

    private readonly List<PostgresStateLock> _locks = [];

    private static LockInfo Holder(string operation) => LockInfo.ForCurrentProcess(operation, "postgres-test", "test");

    private PostgresStateLock NewLock(PostgresStateOptions options)
    {
        var stateLock = new PostgresStateLock(options);
        _locks.Add(stateLock);
        return stateLock;
    }

    private PostgresStateOptions NewOptions(string workspace = "default") => new(server.ConnectionString, server.NewSchemaName(), workspace);

    [Fact]
    public async Task A_lock_whose_run_closed_its_connection_without_releasing_no_longer_blocks_and_the_dead_run_is_reported()
    {
        var options = NewOptions();
        var dead = Holder("apply");
        var killed = NewLock(options);
        Assert.Null(await killed.TryAcquireAsync(dead, Token));

        await killed.DisposeAsync();

        Assert.Equal(1, await LockRowsAsync(options));
        var next = NewLock(options);
        Assert.Null(await next.GetHolderAsync(Token));
        var mine = Holder("apply");
        Assert.Null(await next.TryAcquireAsync(mine, Token));
        Assert.Equal(dead, next.ReplacedStaleHolder);
        Assert.Equal(mine, await NewLock(options).GetHolderAsync(Token));
    }

    [Fact]
    public async Task A_lock_whose_session_was_terminated_no_longer_blocks_and_its_late_release_leaves_the_new_holder()
    {
        var options = NewOptions();
        var first = Holder("apply");
        var lost = NewLock(options);
        Assert.Null(await lost.TryAcquireAsync(first, Token));
        var pid = await server.SuperuserAsync($"SELECT backend_pid FROM {options.Schema}.locks", Token, PostgresServer.Database);

        await server.SuperuserAsync($"SELECT pg_terminate_backend({pid}, 5000)", Token);

        Assert.Null(await NewLock(options).GetHolderAsync(Token));
        var second = Holder("apply");
        var next = NewLock(options);
        Assert.Null(await next.TryAcquireAsync(second, Token));
        Assert.Equal(first, next.ReplacedStaleHolder);
        await lost.ReleaseAsync(first, Token);
        Assert.Equal(second, await NewLock(options).GetHolderAsync(Token));
    }

    [Fact]
    public async Task Force_release_of_a_live_holder_ends_its_session_and_frees_the_lock()
    {
        var options = NewOptions();
        var live = Holder("apply");
        var holder = NewLock(options);
        Assert.Null(await holder.TryAcquireAsync(live, Token));
        var pid = await server.SuperuserAsync($"SELECT backend_pid FROM {options.Schema}.locks", Token, PostgresServer.Database);
        Assert.Equal(live, await NewLock(options).TryAcquireAsync(Holder("plan"), Token));

        await NewLock(options).ForceReleaseAsync(live.Id, Token);

        // The advisory lock is dropped before the backend leaves pg_stat_activity: give it a moment.
        await WaitUntilAsync(async () => await server.SuperuserAsync($"SELECT count(*) FROM pg_stat_activity WHERE pid = {pid}", Token) == "0",
            () => $"the holder's backend {pid} is still running");
        Assert.Equal(0, await LockRowsAsync(options));
        Assert.Null(await NewLock(options).GetHolderAsync(Token));
        var next = Holder("apply");
        Assert.Null(await NewLock(options).TryAcquireAsync(next, Token));
        await holder.ReleaseAsync(live, Token);
        Assert.Equal(next, await NewLock(options).GetHolderAsync(Token));
    }

    [Fact]
    public async Task A_lock_held_by_a_process_killed_with_sigkill_is_free_once_the_server_sees_its_session_end()
    {
        var options = NewOptions();
        var observer = NewLock(options);
        Assert.Null(await observer.GetHolderAsync(Token));
        var dead = Holder("apply");
        await using var run = server.StartSession();
        // What PostgresStateLock does when it takes the lock, done by another process.
        var json = Encoding.UTF8.GetString(LockInfoJson.ToBytes(dead)).Replace("'", "''", StringComparison.Ordinal);
        await run.SendAsync(
            $"SELECT pg_advisory_lock({AdvisoryLockKey.StateLock(options.Schema, options.Workspace).Value}); " +
            $"INSERT INTO {options.Schema}.locks VALUES ('{options.Workspace}', '{dead.Id}', '{json}', pg_backend_pid(), now());", Token);
        await WaitUntilAsync(async () => Equals(await observer.GetHolderAsync(Token), dead), () => $"the psql session never held the lock: {run.Output}");
        Assert.Equal(dead, await NewLock(options).TryAcquireAsync(Holder("plan"), Token));

        await run.KillAsync();

        await WaitUntilAsync(async () => await observer.GetHolderAsync(Token) is null, () => "the killed session's lock was never dropped");
        var next = NewLock(options);
        Assert.Null(await next.TryAcquireAsync(Holder("apply"), Token));
        Assert.Equal(dead, next.ReplacedStaleHolder);
    }

    [Fact]
    public async Task Force_release_by_a_user_who_may_not_end_the_holders_session_says_who_can_and_leaves_the_lock()
    {
        var options = NewOptions();
        var holder = Holder("apply");
        Assert.Null(await NewLock(options).TryAcquireAsync(holder, Token));
        var user = $"other_{server.NewSchemaName()}";
        await server.SuperuserAsync(
            $"CREATE ROLE {user} LOGIN PASSWORD '{server.Password}'; GRANT USAGE ON SCHEMA {options.Schema} TO {user}; " +
            $"GRANT SELECT, DELETE ON {options.Schema}.locks, {options.Schema}.states TO {user};", Token, PostgresServer.Database);
        var other = options with { ConnectionString = server.ConnectionStringFor(PostgresServer.Database, username: user) };

        var error = await Assert.ThrowsAsync<StateException>(() => NewLock(other).ForceReleaseAsync(holder.Id, Token));

        Assert.Contains($"user {user} may not end the session", error.Message, StringComparison.Ordinal);
        Assert.Contains("pg_signal_backend", error.Hint, StringComparison.Ordinal);
        Assert.Equal(holder, await NewLock(options).GetHolderAsync(Token));
    }

    [Fact]
    public async Task Force_release_of_a_dead_runs_lock_removes_its_row_and_still_needs_its_id()
    {
        var options = NewOptions();
        var dead = Holder("apply");
        var killed = NewLock(options);
        Assert.Null(await killed.TryAcquireAsync(dead, Token));
        await killed.DisposeAsync();

        var error = await Assert.ThrowsAsync<StateException>(() => NewLock(options).ForceReleaseAsync("another-id", Token));
        Assert.Contains(dead.Id, error.Message, StringComparison.Ordinal);
        await NewLock(options).ForceReleaseAsync(dead.Id, Token);

        Assert.Equal(0, await LockRowsAsync(options));
        await Assert.ThrowsAsync<StateException>(() => NewLock(options).ForceReleaseAsync(dead.Id, Token));
    }

    [Fact]
    public async Task The_holder_row_names_the_session_holding_the_lock_and_release_removes_it()
    {
        var options = NewOptions();
        var holder = Holder("apply");
        var stateLock = NewLock(options);
        Assert.Null(await stateLock.TryAcquireAsync(holder, Token));

        var row = await server.SuperuserAsync(
            $"SELECT l.lock_id, l.info->>'who', a.pid IS NOT NULL FROM {options.Schema}.locks l LEFT JOIN pg_stat_activity a ON a.pid = l.backend_pid",
            Token, PostgresServer.Database);
        Assert.Equal($"{holder.Id}|{holder.Who}|t", row);

        await stateLock.ReleaseAsync(holder, Token);
        Assert.Equal(0, await LockRowsAsync(options));
        Assert.Null(stateLock.ReplacedStaleHolder);
    }

    [Fact]
    public async Task Workspaces_in_one_schema_lock_independently()
    {
        var production = NewOptions("production");
        var staging = production with { Workspace = "staging" };
        var first = Holder("apply");
        var second = Holder("apply");

        Assert.Null(await NewLock(production).TryAcquireAsync(first, Token));
        Assert.Null(await NewLock(staging).TryAcquireAsync(second, Token));

        Assert.Equal(first, await NewLock(production).GetHolderAsync(Token));
        Assert.Equal(second, await NewLock(staging).GetHolderAsync(Token));
    }

    /// <summary>Polls <paramref name="condition"/> for up to 10 s: the server notices an ended session on its own time.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> failure)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, failure());
            await Task.Delay(20, Token);
        }
    }

    private async Task<int> LockRowsAsync(PostgresStateOptions options) =>
        int.Parse(await server.SuperuserAsync($"SELECT count(*) FROM {options.Schema}.locks", Token, PostgresServer.Database), System.Globalization.CultureInfo.InvariantCulture);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var stateLock in _locks)
            await stateLock.DisposeAsync();
    }
}
