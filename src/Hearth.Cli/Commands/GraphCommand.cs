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
        var run = new RunOptions();
        var command = new Command("graph", "Print the resource dependency graph (Graphviz DOT or Mermaid)");
        command.Options.Add(format);
        command.Options.Add(run.Var);
        command.Options.Add(run.VarFile);
        actions.Bind(command, (parse, context, _) =>
        {
            var lab = context.LoadLab(run.Variables(parse), run.VariableFiles(parse));
            var text = parse.GetValue(format) == "mermaid" ? GraphFormatter.Mermaid(lab) : GraphFormatter.Dot(lab);
            context.Terminal.Output.Write(text);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
