using System.Net;
using System.Net.Sockets;
using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Storage.Postgres;
using Hearth.Testing.Postgres;

namespace Hearth.Storage.Tests.Postgres;

/// <summary>What the postgres store does beyond the contract: its versions, schema creation, and its errors.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStateStoreTests(PostgresServer server)
{
    private const string Secret = "Sw0rdfish-not-the-password";

    private static CancellationToken Token => CancellationToken.None;

    [Fact]
    public async Task The_version_is_the_rows_write_counter_and_bytes_come_back_unchanged()
    {
        var store = new PostgresStateStore(new PostgresStateOptions(server.ConnectionString, server.NewSchemaName()));
        byte[] content = [0, 1, 2, 255, 0, 42];

        var first = await store.WriteAsync("{}"u8.ToArray(), null, Token);
        var second = await store.WriteAsync(content, first, Token);

        Assert.Equal(("1", "2"), (first, second));
        var read = await store.ReadAsync(Token);
        Assert.Equal(content, read!.Content);
        Assert.Equal("2", read.Version);
        await Assert.ThrowsAsync<Core.State.Remote.StateConflictException>(() => store.WriteAsync(content, "not-a-version", Token));
    }

    [Fact]
    public async Task Workspaces_in_one_schema_keep_separate_states()
    {
        var production = new PostgresStateOptions(server.ConnectionString, server.NewSchemaName(), "production");
        var staging = production with { Workspace = "staging" };

        await new PostgresStateStore(production).WriteAsync("prod"u8.ToArray(), null, Token);

        Assert.Null(await new PostgresStateStore(staging).ReadAsync(Token));
        await new PostgresStateStore(staging).WriteAsync("staging"u8.ToArray(), null, Token);
        Assert.Equal("prod"u8.ToArray(), (await new PostgresStateStore(production).ReadAsync(Token))!.Content);
    }

    [Fact]
    public async Task Five_clients_using_a_new_schema_at_once_all_create_it_without_error()
    {
        for (var round = 0; round < 3; round++)
        {
            var options = new PostgresStateOptions(server.ConnectionString, server.NewSchemaName());
            var locks = Enumerable.Range(0, 5).Select(_ => new PostgresStateLock(options)).ToArray();
            try
            {
                var work = Enumerable.Range(0, 5).Select(i => i % 2 == 0
                    ? (Task)new PostgresStateStore(options).ReadAsync(Token)
                    : locks[i].TryAcquireAsync(LockInfo.ForCurrentProcess("apply", "postgres-test", "test"), Token));

                await Task.WhenAll(work);

                var tables = await server.SuperuserAsync(
                    $"SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = '{options.Schema}'", Token, PostgresServer.Database);
                Assert.Equal("locks,states", tables);
            }
            finally
            {
                foreach (var stateLock in locks)
                    await stateLock.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_wrong_password_is_reported_with_the_server_and_user_and_never_the_password()
    {
        var options = new PostgresStateOptions(server.ConnectionStringFor(PostgresServer.Database, Secret), server.NewSchemaName());

        var read = await Assert.ThrowsAsync<StateException>(() => new PostgresStateStore(options).ReadAsync(Token));
        var locking = await Assert.ThrowsAsync<StateException>(() => new PostgresStateLock(options).TryAcquireAsync(LockInfo.ForCurrentProcess("apply", "p", "v"), Token));

        foreach (var error in new[] { read, locking })
        {
            Assert.Contains($"127.0.0.1:{server.Port}", error.Message, StringComparison.Ordinal);
            Assert.Contains($"user {PostgresServer.Username}", error.Message, StringComparison.Ordinal);
            Assert.Contains("Password", error.Hint, StringComparison.Ordinal);
            AssertNoSecret(error);
        }
    }

    [Fact]
    public async Task A_connection_string_without_a_password_says_which_login_failed()
    {
        var options = new PostgresStateOptions(
            $"Host=127.0.0.1;Port={server.Port};Database={PostgresServer.Database};Username={PostgresServer.Username};Pooling=false", server.NewSchemaName());

        var error = await Assert.ThrowsAsync<StateException>(() => new PostgresStateStore(options).ReadAsync(Token));

        Assert.Contains($"PostgreSQL at 127.0.0.1:{server.Port} as user {PostgresServer.Username}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Password", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_server_defaulting_to_serializable_racing_writers_and_lockers_still_see_conflicts_and_the_holder()
    {
        var database = await server.CreateDatabaseAsync(Token);
        await server.SuperuserAsync($"ALTER DATABASE {database} SET default_transaction_isolation = 'serializable';", Token);
        var options = new PostgresStateOptions(server.ConnectionStringFor(database), "hearth");
        var first = await new PostgresStateStore(options).WriteAsync("one"u8.ToArray(), null, Token);

        var writes = await Task.WhenAll(Enumerable.Range(0, 5).Select(async i =>
        {
            try
            {
                return await new PostgresStateStore(options).WriteAsync([(byte)i], first, Token);
            }
            catch (Core.State.Remote.StateConflictException)
            {
                return null;
            }
        }));
        var locks = Enumerable.Range(0, 5).Select(_ => new PostgresStateLock(options)).ToArray();
        var holders = Enumerable.Range(0, 5).Select(_ => LockInfo.ForCurrentProcess("apply", "postgres-test", "test")).ToArray();
        var seen = await Task.WhenAll(locks.Select((l, i) => l.TryAcquireAsync(holders[i], Token)));

        Assert.Single(writes, w => w is not null);
        var winner = Assert.Single(holders.Where((_, i) => seen[i] is null));
        Assert.All(seen.Where(s => s is not null), s => Assert.Equal(winner, s));
        foreach (var stateLock in locks)
            await stateLock.DisposeAsync();
    }

    [Fact]
    public async Task A_refused_connection_names_the_host_and_port_and_what_to_check()
    {
        var port = UnusedPort();
        var options = new PostgresStateOptions($"Host=127.0.0.1;Port={port};Database=hearth;Username=hearth;Password={Secret}", "hearth");

        var error = await Assert.ThrowsAsync<StateException>(() => new PostgresStateStore(options).ReadAsync(Token));

        Assert.Contains($"cannot connect to PostgreSQL at 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("listen_addresses", error.Hint, StringComparison.Ordinal);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task A_missing_database_is_named_with_how_to_create_it()
    {
        var options = new PostgresStateOptions(server.ConnectionStringFor("no_such_db"), "hearth");

        var error = await Assert.ThrowsAsync<StateException>(() => new PostgresStateStore(options).ReadAsync(Token));

        Assert.Contains($"database no_such_db does not exist on PostgreSQL at 127.0.0.1:{server.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("createdb", error.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fresh_database_is_set_up_on_first_use()
    {
        var database = await server.CreateDatabaseAsync(Token);
        var store = new PostgresStateStore(new PostgresStateOptions(server.ConnectionStringFor(database), "hearth"));

        var version = await store.WriteAsync("state"u8.ToArray(), null, Token);

        Assert.Equal("1", version);
        Assert.Contains($"database {database}", store.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_who_may_not_create_schemas_is_told_how_and_can_then_use_a_schema_made_for_it()
    {
        var user = $"limited_{server.NewSchemaName()}";
        await server.SuperuserAsync($"CREATE ROLE {user} LOGIN PASSWORD '{Secret}';", Token);
        var options = new PostgresStateOptions(server.ConnectionStringFor(PostgresServer.Database, Secret, user), server.NewSchemaName());

        var error = await Assert.ThrowsAsync<StateException>(() => new PostgresStateStore(options).ReadAsync(Token));

        Assert.Contains($"user {user} lacks a privilege", error.Message, StringComparison.Ordinal);
        Assert.Contains($"CREATE SCHEMA \"{options.Schema}\" AUTHORIZATION {user}", error.Hint, StringComparison.Ordinal);
        AssertNoSecret(error);
        await server.SuperuserAsync($"CREATE SCHEMA \"{options.Schema}\" AUTHORIZATION {user};", Token, PostgresServer.Database);
        Assert.Equal("1", await new PostgresStateStore(options).WriteAsync("state"u8.ToArray(), null, Token));
    }

    [Fact]
    public async Task A_unix_socket_directory_works_as_the_host()
    {
        var options = new PostgresStateOptions(
            $"Host={server.SocketDirectory};Port={server.Port};Database={PostgresServer.Database};Username={PostgresServer.Username};Pooling=false", server.NewSchemaName());
        var store = new PostgresStateStore(options);

        await store.WriteAsync("state"u8.ToArray(), null, Token);

        Assert.Equal("state"u8.ToArray(), (await store.ReadAsync(Token))!.Content);
        Assert.Contains("unix socket", store.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unparseable_connection_string_is_a_state_error_that_does_not_repeat_it()
    {
        var options = new PostgresStateOptions($"Host=db;Password={Secret};Frobnicate={Secret}", "hearth");

        var error = Assert.Throws<StateException>(() => new PostgresStateStore(options));

        Assert.Contains("conn_str", error.Message, StringComparison.Ordinal);
        AssertNoSecret(error);
    }

    [Fact]
    public void Options_and_locations_never_show_the_connection_string()
    {
        var options = new PostgresStateOptions($"Host=db.lan;Port=5433;Database=lab;Username=hearth;Password={Secret}", "hearth");

        Assert.DoesNotContain(Secret, options.ToString(), StringComparison.Ordinal);
        Assert.Equal("postgres db.lan:5433, database lab, schema hearth, workspace default", new PostgresStateStore(options).Location);
        Assert.DoesNotContain(Secret, new PostgresStateLock(options).Location, StringComparison.Ordinal);
    }

    private static void AssertNoSecret(StateException error)
    {
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Hint ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
