using System.CommandLine;
using Hearth.Cli.Hosting;

namespace Hearth.Cli.Commands;

/// <summary>Binds a command to its handler, with every failure reported the same way.</summary>
internal sealed class CommandActions(GlobalOptions globals, CliEnvironment environment, HearthServices services)
{
    public void Bind(Command command, Func<ParseResult, CommandContext, CancellationToken, Task<int>> handler) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = globals.Context(parse, environment, services);
            try
            {
                return await handler(parse, context, cancellationToken);
            }
            catch (Exception e)
            {
                return ErrorReporter.Report(e, context.Terminal, context.Debug);
            }
        });
}
