using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Hearth.Secrets.Age;
using Hearth.Testing;

namespace Hearth.Cli.Tests.Processes;

/// <summary><c>hearth age</c> as its own process: a passphrase typed at a real terminal, and Ctrl-C in the middle of a file.</summary>
public sealed class AgeProcessTests : IDisposable
{
    private const string Passphrase = "correct horse battery staple";

    private readonly TempLab _dir = new("resources: {}\n");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_passphrase_typed_at_the_terminal_decrypts_and_is_not_echoed()
    {
        var plaintext = RandomNumberGenerator.GetBytes(70_000);
        File.WriteAllBytes(_dir.PathOf("secret.age"), AgeEncryptor.Encrypt(plaintext, [new AgePassphraseRecipient(Passphrase, 10)], armor: true));

        var screen = await TypeAtPromptAsync("Enter passphrase:", Passphrase, "age", "-d", "-o", "out.bin", "secret.age");

        Assert.Equal(plaintext, File.ReadAllBytes(_dir.PathOf("out.bin")));
        Assert.Contains("Enter passphrase:", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("horse", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_in_the_middle_of_a_decryption_exits_130_and_leaves_no_output_file()
    {
        var identity = AgeIdentity.Generate();
        File.WriteAllText(_dir.PathOf("key.txt"), identity.ToKeyFile(DateTimeOffset.UnixEpoch));
        var file = AgeEncryptor.Encrypt(RandomNumberGenerator.GetBytes(8 << 20), [AgeRecipient.Parse(identity.Recipient)], armor: false);
        await RunAsync("mkfifo", _dir.PathOf("in.age"));
        using var hearth = HearthProcess.Start(_dir.Directory, "age", "-d", "-i", "key.txt", "-o", "out.bin", "in.age");

        // Half the file, then the writer stalls: hearth has written plaintext to its temp file and waits for more.
        await using (var fifo = await Task.Run(() => new FileStream(_dir.PathOf("in.age"), FileMode.Open, FileAccess.Write)).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            await fifo.WriteAsync(file.AsMemory(0, file.Length / 2));
            await fifo.FlushAsync();
            for (var waited = 0; !Directory.GetFiles(_dir.Directory, ".out.bin.*").Any(f => new FileInfo(f).Length > 0); waited += 50)
            {
                Assert.True(waited < 30_000, "hearth never wrote plaintext to its temp file");
                await Task.Delay(50);
            }
            hearth.Interrupt();
            var result = await hearth.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(130, result.ExitCode);
            Assert.Contains("Interrupted.", result.Error, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(_dir.PathOf("out.bin")));
        Assert.Empty(Directory.GetFiles(_dir.Directory, ".out.bin.*"));
    }

    /// <summary>
    /// Runs hearth on a pseudo-terminal (util-linux `script`), waits for <paramref name="prompt"/>, types
    /// <paramref name="typed"/> only then (so any echo would be hearth's doing), and returns what the terminal showed.
    /// </summary>
    private async Task<string> TypeAtPromptAsync(string prompt, string typed, params string[] args)
    {
        // script runs its command through sh -c; this fixed command reads hearth's arguments from the environment, so none is quoted into shell text.
        var command = "exec dotnet \"$HEARTH_DLL\"" + string.Concat(args.Select((_, i) => $" \"$HEARTH_ARG{i}\""));
        var start = new ProcessStartInfo("script") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = _dir.Directory };
        foreach (var argument in new[] { "-q", "-e", "-c", command, "/dev/null" })
            start.ArgumentList.Add(argument);
        start.Environment["SHELL"] = "/bin/sh";
        start.Environment["HEARTH_DLL"] = Path.Combine(AppContext.BaseDirectory, "hearth.dll");
        start.Environment["NO_COLOR"] = "1";
        for (var i = 0; i < args.Length; i++)
            start.Environment[$"HEARTH_ARG{i}"] = args[i];
        using var process = Process.Start(start)!;
        var screen = new StringBuilder();
        var buffer = new char[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!screen.ToString().Contains(prompt, StringComparison.Ordinal))
        {
            var read = await process.StandardOutput.ReadAsync(buffer.AsMemory(), timeout.Token);
            Assert.True(read > 0, $"hearth ended without asking: {screen}");
            screen.Append(buffer, 0, read);
        }
        await process.StandardInput.WriteAsync(typed + "\n");
        await process.StandardInput.FlushAsync();
        screen.Append(await process.StandardOutput.ReadToEndAsync(timeout.Token));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"hearth failed on the terminal: {screen}");
        return screen.ToString();
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var argument in args)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }
}
