using System.Runtime.InteropServices;
using System.Text;

namespace Hearth.Cli.Hosting;

/// <summary>
/// Reads a secret from the controlling terminal, /dev/tty, as age does (standard input stays free for data), with
/// echo off while it is typed and back on afterwards, also when the read is cancelled.
/// </summary>
internal sealed class TerminalSecretPrompt : ISecretPrompt
{
    // Linux's struct termios (60 bytes on glibc): c_lflag is its fourth 32-bit field, ECHO its bit 0x8.
    private const int TermiosSize = 64;
    private const int LocalModesOffset = 12;
    private const uint Echo = 0x8;
    private const int ApplyNow = 0;

    public async Task<string?> ReadAsync(string prompt, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        FileStream tty;
        try
        {
            tty = new FileStream("/dev/tty", FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // No controlling terminal: a service, a CI job, a pipe.
        }
        await using (tty)
        {
            var descriptor = (int)tty.SafeFileHandle.DangerousGetHandle();
            var saved = new byte[TermiosSize];
            if (GetAttributes(descriptor, ref saved[0]) != 0)
                return null;
            var quiet = (byte[])saved.Clone();
            var modes = MemoryMarshal.Read<uint>(quiet.AsSpan(LocalModesOffset)) & ~Echo;
            MemoryMarshal.Write(quiet.AsSpan(LocalModesOffset), in modes);
            if (SetAttributes(descriptor, ApplyNow, ref quiet[0]) != 0)
                return null; // Echo cannot be turned off: asking would show the secret.
            try
            {
                await tty.WriteAsync(Encoding.UTF8.GetBytes(prompt + " "), cancellationToken);
                // A blocking read of a terminal ignores the token, so the wait for it is what is cancelled (Ctrl-C).
                return await Task.Run(() => ReadLine(tty), CancellationToken.None).WaitAsync(cancellationToken);
            }
            finally
            {
                _ = SetAttributes(descriptor, ApplyNow, ref saved[0]); // Nothing more to do if the terminal refuses.
                tty.Write("\n"u8); // The Enter typed was not echoed either.
            }
        }
    }

    private static string ReadLine(FileStream tty)
    {
        var line = new List<byte>();
        Span<byte> one = stackalloc byte[1];
        while (tty.Read(one) == 1 && one[0] != (byte)'\n')
            line.Add(one[0]);
        return Encoding.UTF8.GetString([.. line]).TrimEnd('\r');
    }

    [DllImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static extern int GetAttributes(int descriptor, ref byte termios);

    [DllImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static extern int SetAttributes(int descriptor, int when, ref byte termios);
}
