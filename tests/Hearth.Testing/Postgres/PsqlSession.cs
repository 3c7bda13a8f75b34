using System.Collections.Concurrent;
using System.Diagnostics;

namespace Hearth.Testing.Postgres;

/// <summary>
/// A psql process kept running with its stdin open: one live PostgreSQL session another program holds, which a
/// test can feed statements to and then kill with SIGKILL, as a crashed run would end.
/// </summary>
public sealed class PsqlSession : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    internal PsqlSession(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What psql printed so far (results and errors), for assertion messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Sends statements; psql runs them as soon as it reads a complete one.</summary>
    public async Task SendAsync(string sql, CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync(sql.AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
    }

    /// <summary>SIGKILL: psql gets no chance to close its session; the server finds the socket closed.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill();
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
            _output.Enqueue(line);
    }
}
