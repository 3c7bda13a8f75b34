using System.CommandLine;
using Hearth.Cli.Commands;
using Hearth.Cli.Hosting;

namespace Hearth.Cli;

/// <summary>The composition root: the command tree, wired to the composed services, run against an environment.</summary>
internal sealed class HearthApplication(CliEnvironment environment, HearthServices services)
{
    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var root = BuildCommands();
        var parse = root.Parse(TerraformFlagSpelling.Normalize(args, LongOptionNames(root)));
        return await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = environment.Output,
            Error = environment.Error,
            ProcessTerminationTimeout = null, // Stops are handled by StopSignals: first finishes in-flight work.
            EnableDefaultExceptionHandler = false,
        }, cancellationToken);
    }

    public RootCommand BuildCommands()
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("Hearth runs a whole homelab from one declarative lab: plan and apply it in dependency order.");
        globals.AddTo(root);
        var actions = new CommandActions(globals, environment, services);
        root.Subcommands.Add(InitCommand.Create(actions));
        root.Subcommands.Add(ValidateCommand.Create(actions));
        root.Subcommands.Add(PlanCommand.Create(actions));
        root.Subcommands.Add(ApplyCommand.Create(actions));
        root.Subcommands.Add(ApplyCommand.CreateDestroy(actions));
        root.Subcommands.Add(ShowCommand.Create(actions));
        root.Subcommands.Add(OutputCommand.Create(actions));
        root.Subcommands.Add(StateCommand.Create(actions));
        root.Subcommands.Add(ImportCommand.Create(actions));
        root.Subcommands.Add(GraphCommand.Create(actions));
        root.Subcommands.Add(ForceUnlockCommand.Create(actions));
        root.Subcommands.Add(BootstrapCommand.Create(actions));
        root.Subcommands.Add(Commands.Sops.SopsCommand.Create(new Commands.Sops.SopsActions(globals, environment, services)));
        root.Subcommands.Add(KeygenCommand.Create(actions));
        root.Subcommands.Add(AgeCommand.Create(actions));
        return root;
    }

    private static HashSet<string> LongOptionNames(Command command)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<Command>([command]);
        while (stack.TryPop(out var current))
        {
            foreach (var option in current.Options)
            {
                names.Add(option.Name);
                foreach (var alias in option.Aliases)
                    names.Add(alias);
            }
            foreach (var sub in current.Subcommands)
                stack.Push(sub);
        }
        names.RemoveWhere(n => !n.StartsWith("--", StringComparison.Ordinal));
        return names;
    }
}
