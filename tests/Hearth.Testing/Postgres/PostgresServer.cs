using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Hearth.Testing.Postgres;

/// <summary>
/// A real PostgreSQL server (Debian's, under /usr/lib/postgresql/*/bin) for one test collection: a throwaway cluster
/// in a temp dir made by initdb, listening on a free 127.0.0.1 port (and a unix socket in the temp dir), with a
/// password login role and database <c>hearth</c>. Tests isolate themselves with a schema
/// (<see cref="NewSchemaName"/>) or a database (<see cref="CreateDatabaseAsync"/>) each.
/// initdb and postgres refuse to run as root, so as root they run as the <c>postgres</c> user through setpriv,
/// which execs (no fork), so the process started is the postmaster and is stopped by its PID.
/// Missing binaries fail the tests with the install command; they are never skipped.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string Host = "127.0.0.1";
    public const string Database = "hearth";
    public const string Username = "hearth";
    private const string Superuser = "postgres";
    private const string InstallHint = "install PostgreSQL: apt-get install postgresql postgresql-client";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<string> _log = new();
    private DirectoryInfo? _directory;
    private Process? _process;
    private Psql? _psql;
    private int _names;

    public int Port { get; private set; }

    public string Password { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();

    /// <summary>The directory of the server's unix socket (superuser access, trusted).</summary>
    public string SocketDirectory => _directory?.FullName ?? throw new InvalidOperationException("the server has not started");

    /// <summary>Npgsql's form, over TCP with the password; unpooled, so no connection outlives the server.</summary>
    public string ConnectionString => ConnectionStringFor(Database);

    public string ConnectionStringFor(string database, string? password = null, string username = Username) =>
        $"Host={Host};Port={Port};Database={database};Username={username};Password={password ?? Password};Pooling=false;Timeout=10";

    /// <summary>A schema name no other test of this server uses; the store under test creates it.</summary>
    public string NewSchemaName() => $"t{Interlocked.Increment(ref _names)}_{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";

    /// <summary>A fresh, empty database owned by <see cref="Username"/>; returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = $"db_{NewSchemaName()}";
        await SuperuserAsync($"CREATE DATABASE {name} OWNER {Username};", cancellationToken);
        return name;
    }

    /// <summary>Runs SQL as the superuser over the unix socket (behind Hearth's back) and returns psql's unaligned output.</summary>
    public async Task<string> SuperuserAsync(string sql, CancellationToken cancellationToken, string database = "postgres")
    {
        var result = await _psql!.RunAsync(SocketDirectory, Port, Superuser, database, null, sql, cancellationToken);
        return result.Succeeded ? result.Output : throw new InvalidOperationException($"psql as {Superuser} failed: {result.Errors}\nSQL: {sql}");
    }

    /// <summary>A psql session as <see cref="Username"/> over TCP that stays open until killed: another program's connection.</summary>
    public PsqlSession StartSession() => _psql!.StartSession(Host, Port, Username, Database, Password);

    public string LogTail(int lines = 30) => string.Join('\n', _log.TakeLast(lines));

    public async Task InitializeAsync()
    {
        var bin = FindBinaries();
        _psql = new Psql(Path.Combine(bin, "psql"));
        _directory = Directory.CreateTempSubdirectory("hearth-pg-");
        if (Environment.IsPrivilegedProcess)
            await RunToEndAsync("chown", ["postgres:postgres", _directory.FullName], "chown of the temp dir to the postgres user");
        await RunToEndAsync(Path.Combine(bin, "initdb"),
            ["-D", DataDirectory, "-U", Superuser, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
             "--auth-local=trust", "--auth-host=scram-sha-256", "--no-instructions"], "initdb", asPostgres: true);
        // A port found free may be taken before postgres binds it: one more try with a new one.
        if (!await StartAsync(bin, CancellationToken.None) && !await StartAsync(bin, CancellationToken.None))
            throw new InvalidOperationException($"postgres did not accept connections on {Host}:{Port} within {ReadyTimeout.TotalSeconds:0} s:\n{LogTail()}\n{InstallHint}");
        await SuperuserAsync($"CREATE ROLE {Username} LOGIN PASSWORD '{Password}';\nCREATE DATABASE {Database} OWNER {Username};", CancellationToken.None);
        await WaitForPasswordLoginAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            _directory?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left in /tmp; nothing depends on it.
        }
    }

    private string DataDirectory => Path.Combine(SocketDirectory, "data");

    private static string FindBinaries()
    {
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "postgres")) && File.Exists(Path.Combine(bin, "psql")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            $"no PostgreSQL server binaries (initdb, postgres, psql) under /usr/lib/postgresql/*/bin: {InstallHint}; the postgres state tests run against a real server");
    }

    /// <returns>False when the server exited or never answered (the caller retries with a new port).</returns>
    private async Task<bool> StartAsync(string bin, CancellationToken cancellationToken)
    {
        await StopAsync();
        Port = FreeTcpPort();
        var start = Start(Path.Combine(bin, "postgres"),
            ["-D", DataDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", SocketDirectory,
             "-c", $"listen_addresses={Host}", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
             "-c", "max_connections=200"], asPostgres: true);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start {start.FileName}: {e.Message}; {InstallHint}", e);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadyTimeout);
        while (!process.HasExited)
        {
            try
            {
                var probe = await _psql!.RunAsync(SocketDirectory, Port, Superuser, "postgres", null, "SELECT 1", deadline.Token);
                if (probe.Succeeded && probe.Output == "1")
                    return true;
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>Ready means what the tests do: <c>SELECT 1</c> over TCP as the password user.</summary>
    private async Task WaitForPasswordLoginAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadyTimeout);
        Psql.Result? last = null;
        try
        {
            while (true)
            {
                last = await _psql!.RunAsync(Host, Port, Username, Database, Password, "SELECT 1", deadline.Token);
                if (last.Succeeded && last.Output == "1")
                    return;
                await Task.Delay(50, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The deadline passed: fail below with the last answer and the server's log.
        }
        throw new InvalidOperationException($"SELECT 1 over TCP as {Username} never succeeded on {Host}:{Port}: {last?.Errors}\n{LogTail()}");
    }

    /// <summary>SIGINT (PostgreSQL's fast shutdown: it ends client sessions), a bounded wait, then a kill; only our PID.</summary>
    private async Task StopAsync()
    {
        if (_process is not { } process)
            return;
        _process = null;
        using (process)
        {
            if (process.HasExited)
                return;
            await RunToEndAsync("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)], "kill -INT of postgres", mayFail: true);
            using var wait = new CancellationTokenSource(StopTimeout);
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    private static async Task RunToEndAsync(string program, string[] arguments, string what, bool asPostgres = false, bool mayFail = false)
    {
        var start = Start(program, arguments, asPostgres);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{what}: cannot run {start.FileName}: {e.Message}; {InstallHint}", e);
        }
        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var deadline = new CancellationTokenSource(ReadyTimeout);
            await process.WaitForExitAsync(deadline.Token);
            if (process.ExitCode != 0 && !mayFail)
                throw new InvalidOperationException($"{what} failed (exit {process.ExitCode}):\n{await output}{await errors}\n{InstallHint}");
        }
    }

    /// <summary>As root, the program runs as postgres via setpriv (which execs it in place); otherwise as is.</summary>
    private static ProcessStartInfo Start(string program, string[] arguments, bool asPostgres)
    {
        var runAs = asPostgres && Environment.IsPrivilegedProcess;
        var start = new ProcessStartInfo(runAs ? "setpriv" : program)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (runAs)
        {
            foreach (var argument in new[] { "--reuid=postgres", "--regid=postgres", "--init-groups", "--", program })
                start.ArgumentList.Add(argument);
        }
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return start;
    }

    private void Log(string? line)
    {
        if (line is null)
            return;
        _log.Enqueue(line);
        while (_log.Count > 500)
            _log.TryDequeue(out _);
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
