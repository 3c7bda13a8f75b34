using System.Diagnostics;

namespace Hearth.Cli.Commands.Sops;

/// <summary>Runs a program attached to the user's terminal (an editor, an exec-env command) and waits for it.</summary>
internal static class SopsProcess
{
    /// <summary>Runs it; a stop request kills it and throws <see cref="OperationCanceledException"/>.</summary>
    /// <returns>Its exit code.</returns>
    public static async Task<int> RunAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        start.UseShellExecute = false;
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SopsCommandException(SopsExitCodes.Generic, $"cannot run `{start.FileName}`: {e.Message}", "check that it is installed and on PATH");
        }
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }
        return process.ExitCode;
    }

    /// <summary>
    /// Runs a command the user handed over to (exec-env, exec-file) until it ends, whatever the signals: Ctrl-C
    /// reaches the command from the terminal by itself, so hearth only waits for it; SIGTERM to hearth stops the
    /// command too. Either way hearth gets to clean up after it.
    /// </summary>
    /// <returns>The command's exit code, or 143 when hearth was terminated.</returns>
    public static async Task<int> RunAttachedAsync(ProcessStartInfo start, bool handleSignals)
    {
        start.UseShellExecute = false;
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SopsCommandException(SopsExitCodes.Generic, $"cannot run `{start.FileName}`: {e.Message}", "check that it is installed and on PATH");
        }
        var terminated = false;
        var registrations = new List<System.Runtime.InteropServices.PosixSignalRegistration>();
        if (handleSignals)
        {
            registrations.Add(System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, context => context.Cancel = true));
            registrations.Add(System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                terminated = true;
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It ended by itself meanwhile.
                }
            }));
        }
        try
        {
            await process.WaitForExitAsync(CancellationToken.None);
        }
        finally
        {
            foreach (var registration in registrations)
                registration.Dispose();
        }
        return terminated ? 143 : process.ExitCode;
    }

    /// <summary>A shell command line, as sops runs exec-env and exec-file commands.</summary>
    public static ProcessStartInfo Shell(string command)
    {
        var start = new ProcessStartInfo("/bin/sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        return start;
    }
}
