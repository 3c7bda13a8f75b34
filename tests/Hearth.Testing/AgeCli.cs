using System.Diagnostics;
using System.Text;

namespace Hearth.Testing;

/// <summary>The real `age` command, as an independent implementation to check ours against.</summary>
public static class AgeCli
{
    /// <summary>
    /// age (1.1.1, Debian's) reads a passphrase from its terminal only, never from a variable or a pipe, so it runs on
    /// a pseudo-terminal that util-linux `script` opens, and the passphrase is typed into it. The shell program is
    /// fixed; the file names travel in the environment, so nothing is quoted into it.
    /// </summary>
    private const string PassphraseEncrypt = "exec age -p $AGE_ARMOR -o \"$AGE_OUTPUT\" \"$AGE_INPUT\"";
    private const string PassphraseDecrypt = "exec age -d -o \"$AGE_OUTPUT\" \"$AGE_INPUT\"";

    /// <summary>Encrypts <paramref name="plaintext"/> to <paramref name="recipient"/> with `age -r` (armored with <paramref name="armor"/>).</summary>
    public static Task<byte[]> EncryptAsync(string recipient, byte[] plaintext, bool armor) =>
        RunAsync(plaintext, armor ? ["-r", recipient, "-a"] : ["-r", recipient]);

    /// <summary>Decrypts with `age -d -i IDENTITY_FILE`.</summary>
    public static Task<byte[]> DecryptAsync(string identityFile, byte[] file) => RunAsync(file, ["-d", "-i", identityFile]);

    /// <summary>Encrypts with `age -p`, typing <paramref name="passphrase"/> at its prompt and again at its confirmation.</summary>
    public static Task<byte[]> EncryptWithPassphraseAsync(string passphrase, byte[] plaintext, bool armor) =>
        RunOnTerminalAsync(PassphraseEncrypt, $"{passphrase}\n{passphrase}\n", plaintext, armor);

    /// <summary>Decrypts a passphrase-encrypted file with `age -d`, typing <paramref name="passphrase"/> at its prompt.</summary>
    public static Task<byte[]> DecryptWithPassphraseAsync(string passphrase, byte[] file) =>
        RunOnTerminalAsync(PassphraseDecrypt, $"{passphrase}\n", file, armor: false);

    private static async Task<byte[]> RunOnTerminalAsync(string program, string typed, byte[] input, bool armor)
    {
        var directory = Path.Combine(Path.GetTempPath(), "hearth-age-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        try
        {
            var (inputPath, outputPath) = (Path.Combine(directory, "input"), Path.Combine(directory, "output"));
            await File.WriteAllBytesAsync(inputPath, input);
            var start = Start("script", ["-q", "-e", "-c", program, "/dev/null"]);
            start.Environment["SHELL"] = "/bin/sh";
            start.Environment["AGE_INPUT"] = inputPath;
            start.Environment["AGE_OUTPUT"] = outputPath;
            start.Environment["AGE_ARMOR"] = armor ? "-a" : "";
            // script copies its input to the terminal; age reads it with echo off once it asks.
            var (exitCode, output, errors) = await RunAsync(start, Encoding.UTF8.GetBytes(typed), "`script` (apt-get install bsdutils)");
            if (exitCode != 0 || !File.Exists(outputPath))
                throw new InvalidOperationException($"age on a terminal failed ({exitCode}): {Encoding.UTF8.GetString(output)}{errors}");
            return await File.ReadAllBytesAsync(outputPath);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<byte[]> RunAsync(byte[] input, string[] arguments)
    {
        var (exitCode, output, errors) = await RunAsync(Start("age", arguments), input, "`age` (apt-get install age)");
        if (exitCode != 0)
            throw new InvalidOperationException($"age failed: {errors}");
        return output;
    }

    private static ProcessStartInfo Start(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return start;
    }

    private static async Task<(int ExitCode, byte[] Output, string Errors)> RunAsync(ProcessStartInfo start, byte[] input, string install)
    {
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{start.FileName} is missing: install {install}; scripts/test.sh does so when run as root", e);
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
            return (process.ExitCode, output.ToArray(), await errors);
        }
    }
}
