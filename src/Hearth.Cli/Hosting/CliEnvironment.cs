namespace Hearth.Cli.Hosting;

/// <summary>The process's surroundings, injected so the whole CLI runs in tests without a real console.</summary>
/// <param name="OutputIsTerminal">Standard output is a terminal: colours and live progress are allowed.</param>
/// <param name="InputIsTerminal">Standard input is a terminal: hearth may ask for confirmation.</param>
/// <param name="HandleSignals">Ctrl-C and SIGTERM stop a run gracefully (a real process, not a test).</param>
internal sealed record CliEnvironment(
    TextWriter Output,
    TextWriter Error,
    TextReader Input,
    bool OutputIsTerminal,
    bool InputIsTerminal,
    IReadOnlyDictionary<string, string> Variables,
    string WorkingDirectory,
    bool HandleSignals = false)
{
    public static CliEnvironment FromProcess() => new(
        Console.Out,
        Console.Error,
        Console.In,
        !Console.IsOutputRedirected,
        !Console.IsInputRedirected,
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal),
        Directory.GetCurrentDirectory(),
        HandleSignals: true);

    public string? Variable(string name) => Variables.TryGetValue(name, out var value) ? value : null;
}
