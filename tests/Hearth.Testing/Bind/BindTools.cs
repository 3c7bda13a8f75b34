using System.ComponentModel;
using System.Diagnostics;

namespace Hearth.Testing.Bind;

/// <summary>BIND's own clients (nsupdate, dig from Debian's bind9-dnsutils): an independent view of the server.</summary>
public static class BindTools
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>The program on PATH, or in <paramref name="fallbackDirectory"/> (sbin is not always on PATH); null if missing.</summary>
    public static string? Find(string program, string fallbackDirectory)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append(fallbackDirectory);
        return directories.Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
    }

    public static Task<Result> NsUpdateAsync(string host, int port, string zone, string key, IEnumerable<string> commands, CancellationToken cancellationToken)
    {
        var script = string.Join('\n', new[] { $"server {host} {port}", $"zone {zone}" }.Concat(commands).Append("send").Append(""));
        return RunAsync("nsupdate", ["-y", key], script, cancellationToken);
    }

    public static async Task<string> DigTransferAsync(string host, int port, string zone, string key, CancellationToken cancellationToken)
    {
        var result = await RunAsync("dig", ["+noall", "+answer", "+time=5", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), $"@{host}", "-y", key, zone, "AXFR"], null, cancellationToken);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"dig AXFR {zone} failed (exit {result.ExitCode}): {result.Output}");
        return result.Output;
    }

    private static async Task<Result> RunAsync(string tool, string[] arguments, string? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"`{tool}` is missing: install BIND's clients (apt-get install bind9-dnsutils)", e);
        }
        using (process)
        {
            if (input is not null)
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return new Result(process.ExitCode, (await output) + (await errors));
        }
    }
}
