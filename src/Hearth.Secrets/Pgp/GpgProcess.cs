using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Hearth.Secrets.Pgp;

/// <summary>Runs the user's gpg with an argument list, feeding stdin while draining stdout and stderr so no pipe can fill up and stall it.</summary>
internal static class GpgProcess
{
    /// <summary>gpg's complaints are short; a cap keeps a runaway stderr out of error messages.</summary>
    private const int MaxErrorChars = 2000;

    /// <param name="home">GNUPGHOME for gpg; null lets gpg use its default (~/.gnupg).</param>
    /// <param name="missingFailure">The failure to report when gpg cannot be started at all.</param>
    /// <exception cref="SecretsException">gpg cannot be started (not installed, not executable).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; gpg has been killed.</exception>
    public static async Task<GpgResult> RunAsync(string binary, IReadOnlyList<string> arguments, string? home, ReadOnlyMemory<byte> input,
        SecretsFailure missingFailure, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // The home comes from the environment we were given, not necessarily this process's own.
        if (home is null)
            start.Environment.Remove("GNUPGHOME");
        else
            start.Environment["GNUPGHOME"] = home;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new SecretsException(missingFailure, $"cannot run `{binary}` for PGP keys: {e.Message}",
                "install GnuPG (apt install gnupg, brew install gnupg), or set SOPS_GPG_EXEC to your gpg", e);
        }

        var output = ReadAllAsync(process.StandardOutput.BaseStream);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await WriteAllAsync(process.StandardInput.BaseStream, input, cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // gpg-agent has daemonised by now and is not in this tree, so the user's agent survives.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            await Task.WhenAll(output, error);
            CryptographicOperations.ZeroMemory(await output);
            throw;
        }
        return new GpgResult(process.ExitCode, await output, Shorten((await error).Trim()));
    }

    private static async Task WriteAllAsync(Stream stdin, ReadOnlyMemory<byte> input, CancellationToken cancellationToken)
    {
        try
        {
            await stdin.WriteAsync(input, cancellationToken);
            await stdin.FlushAsync(cancellationToken);
        }
        catch (IOException)
        {
            // gpg stopped reading (bad arguments, no key): its exit code and stderr say why.
        }
        finally
        {
            try
            {
                stdin.Close();
            }
            catch (IOException)
            {
                // Same broken pipe, reported by the close's final flush.
            }
        }
    }

    /// <summary>Reads to the end through a buffer of our own that is wiped afterwards, since the bytes may be a data key.</summary>
    private static async Task<byte[]> ReadAllAsync(Stream stdout)
    {
        var chunk = new byte[4096];
        var collected = new byte[4096];
        var length = 0;
        try
        {
            int read;
            while ((read = await stdout.ReadAsync(chunk, CancellationToken.None)) > 0)
            {
                if (length + read > collected.Length)
                {
                    var larger = new byte[Math.Max(collected.Length * 2, length + read)];
                    collected.AsSpan(0, length).CopyTo(larger);
                    CryptographicOperations.ZeroMemory(collected);
                    collected = larger;
                }
                chunk.AsSpan(0, read).CopyTo(collected.AsSpan(length));
                length += read;
            }
            return collected.AsSpan(0, length).ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(chunk);
            CryptographicOperations.ZeroMemory(collected);
        }
    }

    private static string Shorten(string error) => error.Length > MaxErrorChars ? "…" + error[^MaxErrorChars..] : error;
}
