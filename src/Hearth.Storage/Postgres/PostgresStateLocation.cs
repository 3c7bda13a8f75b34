using System.Data;
using Hearth.Core.Diagnostics;
using Npgsql;

namespace Hearth.Storage.Postgres;

/// <summary>
/// One workspace of the postgres backend as a store or a lock sees it: how to connect (the user's connection string
/// with Hearth's defaults forced in), the quoted table names, the advisory lock keys, and a description for messages
/// that never includes the connection string.
/// </summary>
internal sealed class PostgresStateLocation
{
    /// <summary>Npgsql's own connect timeout, used when the connection string asks for none (0 = wait forever).</summary>
    private const int DefaultConnectTimeoutSeconds = 15;

    /// <summary>Npgsql's own command timeout, used when the connection string asks for none.</summary>
    private const int DefaultCommandTimeoutSeconds = 30;

    private const int MaxIdentifierBytes = 63;

    private readonly string _connectionString;
    private readonly string _dedicatedConnectionString;
    private readonly PostgresStateSchema _schema;

    public PostgresStateLocation(PostgresStateOptions options)
    {
        Schema = Checked(options.Schema, "schema");
        Workspace = Checked(options.Workspace, "workspace");
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException)
        {
            // Not attached as inner: the parser's message may quote part of the string, which can hold a password.
            throw new StateException("the postgres state backend's conn_str cannot be parsed",
                "write it as Host=…;Port=5432;Database=…;Username=…;Password=… (Npgsql's key=value form; URLs are not accepted)");
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
            throw new StateException("the postgres state backend's conn_str names no Host", "add Host=NAME (and Port=, Database=, Username=) to conn_str");
        if (builder.Timeout <= 0)
            builder.Timeout = DefaultConnectTimeoutSeconds;
        if (builder.CommandTimeout <= 0)
            builder.CommandTimeout = DefaultCommandTimeoutSeconds;
        builder.PersistSecurityInfo = false;
        builder.IncludeErrorDetail = false;
        if (string.IsNullOrEmpty(builder.ApplicationName))
            builder.ApplicationName = "hearth";
        Host = builder.Host;
        Port = builder.Port;
        Username = builder.Username ?? Environment.UserName;
        Database = builder.Database ?? Username;
        ConnectTimeoutSeconds = builder.Timeout;
        _connectionString = builder.ConnectionString;
        // The lock's session must end when the lock object lets it go: a pooled connection would stay open in the
        // pool, still holding the advisory lock. Npgsql's keepalive also keeps an idle NAT mapping from dropping it.
        builder.Pooling = false;
        builder.KeepAlive = 30;
        builder.TcpKeepAlive = true;
        _dedicatedConnectionString = builder.ConnectionString;
        QuotedSchema = Quote(Schema);
        _schema = new PostgresStateSchema(this);
    }

    public string Schema { get; }

    public string Workspace { get; }

    public string QuotedSchema { get; }

    public string StatesTable => $"{QuotedSchema}.states";

    public string LocksTable => $"{QuotedSchema}.locks";

    public string Host { get; }

    public int Port { get; }

    public string Database { get; }

    public string Username { get; }

    public int ConnectTimeoutSeconds { get; }

    /// <summary>host:port, or the socket directory for a unix socket.</summary>
    public string Endpoint => Host.StartsWith('/') ? $"{Host} (unix socket, port {Port})" : $"{Host}:{Port}";

    public string Description => $"postgres {Endpoint}, database {Database}, schema {Schema}, workspace {Workspace}";

    public AdvisoryLockKey LockKey => AdvisoryLockKey.StateLock(Schema, Workspace);

    public AdvisoryLockKey GateKey => AdvisoryLockKey.LockGate(Schema, Workspace);

    /// <summary>
    /// Opens a connection and makes sure the schema and tables exist, then runs <paramref name="work"/>; Npgsql's
    /// failures come out as <see cref="StateException"/>s saying what was being done.
    /// </summary>
    public async Task<T> RunAsync<T>(string doing, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(_connectionString, doing, cancellationToken);
        try
        {
            await _schema.EnsureAsync(connection, cancellationToken);
            return await work(connection);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Describe(e, doing, connecting: false);
        }
    }

    /// <summary>A connection of its own, not pooled, for the session that holds the advisory lock.</summary>
    public Task<NpgsqlConnection> OpenDedicatedAsync(string doing, CancellationToken cancellationToken) =>
        OpenAsync(_dedicatedConnectionString, doing, cancellationToken);

    public Task EnsureSchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken) => _schema.EnsureAsync(connection, cancellationToken);

    /// <summary>
    /// A READ COMMITTED transaction, named explicitly (Npgsql's default too) because the gate and the compare-and-swap
    /// rely on it: each statement sees what others committed before it. Under REPEATABLE READ the snapshot would
    /// predate the wait for the gate, and a racing write would fail with a serialization error instead of a conflict.
    /// </summary>
    public static ValueTask<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    public StateException Describe(Exception error, string doing, bool connecting) => PostgresStateErrors.Describe(error, this, doing, connecting);

    private async Task<NpgsqlConnection> OpenAsync(string connectionString, string doing, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            throw Describe(e, doing, connecting: true);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static string Checked(string name, string setting)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('\0', StringComparison.Ordinal) || System.Text.Encoding.UTF8.GetByteCount(name) > MaxIdentifierBytes)
            throw new StateException($"the postgres state backend's {setting} \"{name.Replace("\0", "", StringComparison.Ordinal)}\" is not usable",
                $"set state.{setting} to a name of 1 to {MaxIdentifierBytes} bytes, such as hearth");
        return name;
    }

    /// <summary>A quoted identifier: any name is safe in SQL this way, and its case is kept.</summary>
    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
