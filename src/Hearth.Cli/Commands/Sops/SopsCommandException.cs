namespace Hearth.Cli.Commands.Sops;

/// <summary>A <c>hearth sops</c> failure with the exit code sops gives for it.</summary>
internal sealed class SopsCommandException(int exitCode, string message, string? hint = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public string? Hint { get; } = hint;
}
