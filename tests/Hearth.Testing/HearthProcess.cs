using System.Diagnostics;

namespace Hearth.Testing;

/// <summary>Runs the real <c>hearth</c> command as its own process (from the test's output directory), for crash and lock tests.</summary>
public sealed class HearthProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    private HearthProcess(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static HearthProcess Start(string labDirectory, params string[] args) => Start(labDirectory, interruptible: false, args);

    /// <summary>
    /// Starts hearth so that Ctrl-C reaches it even when the tests themselves run in the background: a shell
    /// starts background jobs with SIGINT ignored, the ignored disposition is inherited, and .NET then leaves it
    /// ignored. perl (always present on Debian, as perl-base) restores the default before it execs hearth.
    /// </summary>
    public static HearthProcess StartInterruptible(string labDirectory, params string[] args) => Start(labDirectory, interruptible: true, args);

    private static HearthProcess Start(string labDirectory, bool interruptible, string[] args)
    {
        var hearth = Path.Combine(AppContext.BaseDirectory, "hearth.dll");
        if (!File.Exists(hearth))
            throw new InvalidOperationException($"{hearth} is missing: the test project must reference Hearth.Cli");
        var start = new ProcessStartInfo(interruptible ? "perl" : "dotnet")
        {
            WorkingDirectory = labDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (interruptible)
        {
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add("$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"cannot run dotnet: $!\"");
            start.ArgumentList.Add("dotnet");
        }
        start.ArgumentList.Add(hearth);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start hearth");
        process.StandardInput.Close();
        return new HearthProcess(process);
    }

    /// <summary>SIGKILL: no chance to clean up, as in a power cut or an OOM kill.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    public void Interrupt()
    {
        if (SendSignal(_process.Id, 2) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, SIGINT) failed");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    public async Task<(int ExitCode, string Output, string Error)> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"hearth did not finish within {timeout}");
        }
        return (_process.ExitCode, await _output, await _error);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
