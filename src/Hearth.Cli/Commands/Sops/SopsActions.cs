using System.CommandLine;
using Hearth.Cli.Hosting;
using Hearth.Cli.Rendering;
using Hearth.Secrets;

namespace Hearth.Cli.Commands.Sops;

/// <summary>Binds <c>hearth sops</c> commands: failures are reported like every hearth error, with sops's exit codes.</summary>
internal sealed class SopsActions(GlobalOptions globals, CliEnvironment environment, HearthServices services)
{
    public void Bind(Command command, Func<ParseResult, SopsContext, CancellationToken, Task<int>> handler) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new SopsContext(globals.Context(parse, environment, services));
            try
            {
                return await handler(parse, context, cancellationToken);
            }
            catch (SopsCommandException e)
            {
                Write(context.Terminal, e.Message, e.Hint);
                return e.ExitCode;
            }
            catch (SecretsException e)
            {
                Write(context.Terminal, e.Message, e.Hint);
                return SopsExitCodes.For(e.Failure);
            }
            catch (OperationCanceledException)
            {
                context.Terminal.ErrorLine("Interrupted.", Styles.Warning);
                return SopsExitCodes.KeyboardInterrupt;
            }
            catch (Exception e)
            {
                return ErrorReporter.Report(e, context.Terminal, context.Command.Debug);
            }
        });

    private static void Write(Terminal terminal, string message, string? hint)
    {
        terminal.ErrorLine("Error: " + message, Styles.Error);
        if (hint is not null)
            terminal.ErrorLine("  " + hint);
    }
}
