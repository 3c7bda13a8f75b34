using Hearth.Cli.Hosting;

namespace Hearth.Cli.Tests;

/// <summary>Runs the whole CLI in-process against captured output, as a non-terminal unless told otherwise.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public sealed record BinaryResult(int ExitCode, byte[] Output, string Error);

    public static async Task<Result> RunAsync(string workingDirectory, string[] args, bool terminal = false, string input = "",
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var variables = environment ?? new Dictionary<string, string>();
        var cli = new CliEnvironment(output, error, new StringReader(input), terminal, terminal, variables, workingDirectory);
        var exitCode = await new HearthApplication(cli, HearthServices.CreateDefault(variables)).RunAsync(args);
        return new Result(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs with standard input and output as bytes (and, with <paramref name="prompt"/>, a terminal to ask for secrets).</summary>
    public static async Task<BinaryResult> RunBinaryAsync(string workingDirectory, string[] args, byte[] input,
        IReadOnlyDictionary<string, string>? environment = null, ISecretPrompt? prompt = null, bool terminal = false)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        using var rawOutput = new MemoryStream();
        var variables = environment ?? new Dictionary<string, string>();
        var cli = new CliEnvironment(output, error, new StringReader(""), terminal, terminal, variables, workingDirectory,
            RawOutput: rawOutput, RawInput: new MemoryStream(input), SecretPrompt: prompt);
        var exitCode = await new HearthApplication(cli, HearthServices.CreateDefault(variables)).RunAsync(args);
        return new BinaryResult(exitCode, [.. System.Text.Encoding.UTF8.GetBytes(output.ToString()), .. rawOutput.ToArray()], error.ToString());
    }
}
