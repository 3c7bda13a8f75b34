using System.CommandLine;
using Hearth.Cli.Rendering;

namespace Hearth.Cli.Commands;

/// <summary><c>hearth graph</c>: the resource dependency graph as DOT or Mermaid.</summary>
internal static class GraphCommand
{
    public static Command Create(CommandActions actions)
    {
        var format = new Option<string>("--format") { Description = "dot or mermaid", DefaultValueFactory = _ => "dot" };
        format.AcceptOnlyFromAmong("dot", "mermaid");
        var variables = new Option<string[]>("--var") { Description = "Set a variable (repeatable)", HelpName = "NAME=VALUE" };
        var command = new Command("graph", "Print the resource dependency graph (Graphviz DOT or Mermaid)");
        command.Options.Add(format);
        command.Options.Add(variables);
        actions.Bind(command, (parse, context, _) =>
        {
            var lab = context.LoadLab(RunOptions.ParseVariables(parse.GetValue(variables) ?? []));
            var text = parse.GetValue(format) == "mermaid" ? GraphFormatter.Mermaid(lab) : GraphFormatter.Dot(lab);
            context.Terminal.Output.Write(text);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
