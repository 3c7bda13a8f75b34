using System.Diagnostics;

namespace Hearth.Secrets.Tests.Pgp;

/// <summary>
/// A throwaway GNUPGHOME (mode 0700 under the temp directory) with the given fixture keys imported by the real gpg.
/// Disposing stops the gpg-agent it started and deletes it. A missing gpg fails loudly: the PGP tests need it.
/// </summary>
internal sealed class GnupgHome : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);

    private GnupgHome(string path) => Path = path;

    public string Path { get; }

    /// <summary>The environment a service should see: this home and nothing else.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["GNUPGHOME"] = Path };

    public static async Task<GnupgHome> CreateAsync(params string[] keyFiles)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hearth-gpg-" + Guid.NewGuid().ToString("N")[..12]);
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var home = new GnupgHome(path);
        try
        {
            // Loopback pinentry so an import never waits for a prompt; the service itself runs gpg as sops does.
            foreach (var keyFile in keyFiles)
                await home.RunAsync("gpg", "--batch", "--pinentry-mode", "loopback", "--import", SopsFixtures.PathOf(System.IO.Path.Combine("keys", keyFile)));
        }
        catch
        {
            await home.DisposeAsync();
            throw;
        }
        return home;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("gpgconf", "--homedir", Path, "--kill", "gpg-agent");
        }
        finally
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    private async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["GNUPGHOME"] = Path;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"`{program}` is missing: install GnuPG (apt-get install gnupg); scripts/test.sh does so when run as root", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(CommandTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"`{program} {string.Join(' ', arguments)}` did not finish within {CommandTimeout}");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"`{program} {string.Join(' ', arguments)}` failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
