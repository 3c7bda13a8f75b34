using System.Diagnostics;

namespace Hearth.Testing;

/// <summary>The real `age` command, as an independent implementation to check ours against.</summary>
public static class AgeCli
{
    /// <summary>Encrypts <paramref name="plaintext"/> to <paramref name="recipient"/> with `age -r` (armored with <paramref name="armor"/>).</summary>
    public static Task<byte[]> EncryptAsync(string recipient, byte[] plaintext, bool armor) =>
        RunAsync(plaintext, armor ? ["-r", recipient, "-a"] : ["-r", recipient]);

    /// <summary>Decrypts with `age -d -i IDENTITY_FILE`.</summary>
    public static Task<byte[]> DecryptAsync(string identityFile, byte[] file) => RunAsync(file, ["-d", "-i", identityFile]);

    private static async Task<byte[]> RunAsync(byte[] input, string[] arguments)
    {
        var start = new ProcessStartInfo("age") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("the `age` command is missing: install it (apt-get install age); scripts/test.sh does so when run as root", e);
        }
        using (process)
        {
            // Write and read at once: age streams, and a full output pipe would block it while we still write.
            using var output = new MemoryStream();
            var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
            var errors = process.StandardError.ReadToEndAsync();
            await process.StandardInput.BaseStream.WriteAsync(input);
            process.StandardInput.Close();
            await reading;
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"age failed: {await errors}");
            return output.ToArray();
        }
    }
}
