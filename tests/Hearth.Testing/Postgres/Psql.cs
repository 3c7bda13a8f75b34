using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Hearth.Testing.Postgres;

/// <summary>
/// PostgreSQL's own client, run with an argument list: how <see cref="PostgresServer"/> sets the server up and how
/// tests act on it behind Hearth's back. The password travels in <c>PGPASSWORD</c>, never on the command line.
/// </summary>
public sealed class Psql(string executable)
{
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public bool Succeeded => ExitCode == 0;
    }

    /// <summary>Starts psql with its stdin left open: a session that lives until <see cref="PsqlSession.KillAsync"/>.</summary>
    public PsqlSession StartSession(string host, int port, string user, string database, string? password)
    {
        var start = StartInfo(host, port, user, database, password);
        try
        {
            return new PsqlSession(Process.Start(start)!);
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run {executable}: {e.Message}; install PostgreSQL's client (apt-get install postgresql-client)", e);
        }
    }

    /// <summary>Runs <paramref name="sql"/> (fed on stdin, stops at the first error) and returns unaligned, tuples-only output.</summary>
    public async Task<Result> RunAsync(string host, int port, string user, string database, string? password, string sql, CancellationToken cancellationToken)
    {
        var start = StartInfo(host, port, user, database, password);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run {executable}: {e.Message}; install PostgreSQL's client (apt-get install postgresql-client)", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            await process.StandardInput.WriteAsync(sql.AsMemory(), cancellationToken);
            process.StandardInput.Close();
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            return new Result(process.ExitCode, (await output).TrimEnd('\n'), await errors);
        }
    }

    private ProcessStartInfo StartInfo(string host, int port, string user, string database, string? password)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
            "-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), "-U", user, "-d", database,
        })
            start.ArgumentList.Add(argument);
        start.Environment["PGCONNECT_TIMEOUT"] = "5";
        start.Environment.Remove("PGPASSWORD");
        if (password is not null)
            start.Environment["PGPASSWORD"] = password;
        return start;
    }
}
