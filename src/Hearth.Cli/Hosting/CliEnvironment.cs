using System.Text;

namespace Hearth.Cli.Hosting;

/// <summary>The process's surroundings, injected so the whole CLI runs in tests without a real console.</summary>
/// <param name="OutputIsTerminal">Standard output is a terminal: colours and live progress are allowed.</param>
/// <param name="InputIsTerminal">Standard input is a terminal: hearth may ask for confirmation.</param>
/// <param name="HandleSignals">Ctrl-C and SIGTERM stop a run gracefully (a real process, not a test).</param>
/// <param name="RawOutput">Standard output as bytes, for content that is not text (a decrypted binary file); null writes through <paramref name="Output"/>.</param>
/// <param name="RawInput">Standard input as bytes (an age file piped in); null reads <paramref name="Input"/> as UTF-8 text.</param>
/// <param name="SecretPrompt">Asks the terminal for a passphrase without echo; null where there is no terminal to ask.</param>
internal sealed record CliEnvironment(
    TextWriter Output,
    TextWriter Error,
    TextReader Input,
    bool OutputIsTerminal,
    bool InputIsTerminal,
    IReadOnlyDictionary<string, string> Variables,
    string WorkingDirectory,
    bool HandleSignals = false,
    Stream? RawOutput = null,
    Stream? RawInput = null,
    ISecretPrompt? SecretPrompt = null)
{
    public static CliEnvironment FromProcess()
    {
        var (output, error) = Console.IsOutputRedirected ? BufferedStandardStreams() : (Console.Out, Console.Error);
        return new(
            output,
            error,
            Console.In,
            !Console.IsOutputRedirected,
            !Console.IsInputRedirected,
            Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal),
            Directory.GetCurrentDirectory(),
            HandleSignals: true,
            RawOutput: Console.OpenStandardOutput(),
            RawInput: Console.OpenStandardInput(),
            SecretPrompt: new TerminalSecretPrompt());
    }

    /// <summary>Standard output into a file or pipe, written in blocks (see <see cref="DeferredFlushWriter"/>); flush it before exit.</summary>
    private static (TextWriter Output, TextWriter Error) BufferedStandardStreams()
    {
        // The console's own encoding, as standard error keeps it, without a byte-order mark at the top of a file.
        var encoding = Console.OutputEncoding is UTF8Encoding ? new UTF8Encoding(false) : Console.OutputEncoding;
        var block = new StreamWriter(Console.OpenStandardOutput(), encoding, 64 * 1024) { AutoFlush = false };
        var output = new DeferredFlushWriter(block, TimeProvider.System);
        // A process ended by a signal outside an apply (SIGTERM during a plan) skips Main's last flush, not this.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => FlushQuietly(output);
        return (output, new OrderedErrorWriter(Console.Error, output));
    }

    private static void FlushQuietly(TextWriter output)
    {
        try
        {
            output.Flush();
        }
        catch (IOException)
        {
            // Standard output is gone (a full disk): nothing more can be shown there.
        }
    }

    /// <summary>Writes bytes to standard output exactly.</summary>
    public async Task WriteOutputAsync(byte[] content, CancellationToken cancellationToken)
    {
        await Output.FlushAsync(cancellationToken);
        if (RawOutput is null)
        {
            await Output.WriteAsync(Encoding.UTF8.GetString(content).AsMemory(), cancellationToken);
            return;
        }
        await RawOutput.WriteAsync(content, cancellationToken);
        await RawOutput.FlushAsync(cancellationToken);
    }

    /// <summary>Standard input as a stream of bytes.</summary>
    public async Task<Stream> OpenInputAsync(CancellationToken cancellationToken) =>
        RawInput ?? new MemoryStream(Encoding.UTF8.GetBytes(await Input.ReadToEndAsync(cancellationToken)));

    public string? Variable(string name) => Variables.TryGetValue(name, out var value) ? value : null;
}
