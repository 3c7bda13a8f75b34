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

    /// <summary>A shell command line, as sops runs exec-env and exec-file commands.</summary>
    public static ProcessStartInfo Shell(string command)
    {
        var start = new ProcessStartInfo("/bin/sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        return start;
    }
}
