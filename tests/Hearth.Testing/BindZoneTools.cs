using System.ComponentModel;
using System.Diagnostics;

namespace Hearth.Testing;

/// <summary>
/// BIND's own zone-file checker and compiler (named-checkzone, named-compilezone from Debian's bind9-utils), as the
/// independent judge of the zone files Hearth writes. A missing tool fails the test with the install command.
/// </summary>
public static class BindZoneTools
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>
    /// named-checkzone with host-name checks failing (<c>-k fail</c>) and the integrity checks on names inside the
    /// zone (<c>-i local</c>: in-zone MX/SRV targets and delegations need addresses). <c>-i full</c> would also
    /// resolve names outside the zone through the system resolver, which tests must not depend on.
    /// </summary>
    public static Task<Result> CheckAsync(string zone, string file, CancellationToken cancellationToken) =>
        RunAsync("named-checkzone", ["-k", "fail", "-i", "local", zone, file], cancellationToken);

    /// <summary>The zone as BIND loaded it, dumped in its own canonical text (one record per line, full names).</summary>
    public static async Task<string> DumpAsync(string zone, string file, CancellationToken cancellationToken)
    {
        var result = await RunAsync("named-compilezone", ["-q", "-k", "fail", "-i", "local", "-s", "full", "-o", "-", zone, file], cancellationToken);
        if (result.ExitCode != 0)
        {
            // -q silences the reasons; named-checkzone gives them.
            var check = await CheckAsync(zone, file, cancellationToken);
            throw new InvalidOperationException($"named-compilezone refused {file} (exit {result.ExitCode}):\n{check.Output}\n{await File.ReadAllTextAsync(file, cancellationToken)}");
        }
        return result.Output;
    }

    private static async Task<Result> RunAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"`{tool}` is missing: install BIND's tools (apt-get install bind9-utils); the zone-file tests check Hearth's output with it", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return new Result(process.ExitCode, (await output) + (await errors));
        }
    }
}
