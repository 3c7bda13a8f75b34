using System.ComponentModel;
using System.Diagnostics;

namespace Hearth.Testing;

/// <summary>
/// sops-age, an independent SOPS implementation in JavaScript, run through <c>tests/interop/npm/decrypt.mjs</c>
/// with Node.js, to check Hearth's files against. A missing node or package is a failure with the fix, never a skip.
/// </summary>
public static class NodeSopsDecoder
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>tests/interop/npm: the pinned package and the script.</summary>
    public static string PackageDirectory => Path.Combine(RepositoryPaths.Root(), "tests", "interop", "npm");

    /// <summary>The script that prints a decrypted file as JSON with sorted keys.</summary>
    public static string Script => Path.Combine(PackageDirectory, "decrypt.mjs");

    /// <summary>
    /// Decrypts <paramref name="file"/> with the age identities in <paramref name="keyFile"/>; returns the tree as JSON
    /// (keys sorted, no <c>sops</c> metadata; a binary file as <c>{"data": …}</c>).
    /// </summary>
    /// <param name="fileType">yaml, json or env; by default from the extension, as sops chooses.</param>
    /// <exception cref="InvalidOperationException">node or sops-age is missing, or sops-age could not decrypt the file.</exception>
    public static async Task<string> DecryptAsync(string file, string keyFile, string? fileType = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(PackageDirectory, "node_modules", "sops-age", "package.json")))
            throw new InvalidOperationException(
                $"sops-age is not installed in {PackageDirectory}: run `npm ci --prefix tests/interop/npm` (scripts/test.sh does so)");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = PackageDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in fileType is null ? [Script, file, keyFile] : new[] { Script, file, keyFile, "--type", fileType })
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("the `node` command is missing: install Node.js and npm (apt-get install nodejs npm), then run scripts/test.sh", e);
        }
        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            // Read both pipes at once: a full stderr pipe would block node while we wait for stdout.
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"sops-age (node {Path.GetFileName(Script)}) failed with exit code {process.ExitCode}: {await errors}");
            return await output;
        }
    }
}
