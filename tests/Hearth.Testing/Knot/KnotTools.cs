using System.ComponentModel;
using System.Diagnostics;
using Hearth.Testing.Bind;

namespace Hearth.Testing.Knot;

/// <summary>Knot's own update client (knsupdate from Debian's knot-dnsutils): an independent way to change the zone.</summary>
public static class KnotTools
{
    public static async Task<BindTools.Result> KnsUpdateAsync(string host, int port, string zone, string key, IEnumerable<string> commands, CancellationToken cancellationToken)
    {
        var script = string.Join('\n', new[] { $"server {host} {port}", $"zone {zone}", $"origin {zone}" }.Concat(commands).Append("send").Append(""));
        var start = new ProcessStartInfo("knsupdate") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-t", "10", "-y", key })
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("`knsupdate` is missing: install Knot's clients (apt-get install knot-dnsutils)", e);
        }
        using (process)
        {
            await process.StandardInput.WriteAsync(script.AsMemory(), cancellationToken);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return new BindTools.Result(process.ExitCode, (await output) + (await errors));
        }
    }
}
