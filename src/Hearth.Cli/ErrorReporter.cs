using Hearth.Cli.Rendering;
using Hearth.Core.Diagnostics;

namespace Hearth.Cli;

/// <summary>The one place failures become messages and exit codes. No stack trace unless --debug.</summary>
internal static class ErrorReporter
{
    public static int Report(Exception exception, Terminal terminal, bool debug)
    {
        switch (exception)
        {
            case LabException lab:
                foreach (var diagnostic in lab.Diagnostics)
                    Write(terminal, diagnostic.Span.IsKnown ? $"{diagnostic.Span}: {diagnostic.Message}" : diagnostic.Message, diagnostic.Hint);
                break;
            case ApplyFailedException failed:
                foreach (var error in failed.Errors)
                    Write(terminal, $"{error.Address}: {error.Operation} failed: {error.Message}", null);
                break;
            case HearthException hearth:
                Write(terminal, hearth.Message, hearth.Hint);
                break;
            case OperationCanceledException:
                terminal.ErrorLine("Interrupted.", Styles.Warning);
                return ExitCodes.Interrupted;
            default:
                Write(terminal, $"unexpected failure ({exception.GetType().Name}): {exception.Message}",
                    debug ? null : "run again with --debug for details, and report it if it persists");
                break;
        }
        if (debug)
            terminal.ErrorLine(exception.ToString());
        return ExitCodes.Error;
    }

    private static void Write(Terminal terminal, string message, string? hint)
    {
        terminal.ErrorLine("Error: " + message, Styles.Error);
        if (hint is not null)
            terminal.ErrorLine("  " + hint);
    }
}
