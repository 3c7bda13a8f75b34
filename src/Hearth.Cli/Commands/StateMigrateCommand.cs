using System.CommandLine;
using Hearth.Core.Labs;

namespace Hearth.Cli.Commands;

/// <summary>
/// <c>hearth state migrate --to FILE</c>: copies the state from the lab's backend to the one FILE's <c>state:</c>
/// section names, holding both locks, and checks the copy by reading it back. The old state stays where it was
/// until the user removes it, so a mistake in the new section loses nothing.
/// </summary>
internal static class StateMigrateCommand
{
    public static Command Create(CommandActions actions)
    {
        var to = new Option<string>("--to") { Description = "A YAML file with the state: section to move to (as it will appear in the lab)", Required = true, HelpName = "FILE" };
        var force = new Option<bool>("--force") { Description = "Overwrite a state of another lineage, or a newer one, at the target" };
        var lockTimeout = new Option<string>("--lock-timeout") { Description = "How long to wait for each state lock", DefaultValueFactory = _ => "0s", HelpName = "DURATION" };
        var command = new Command("migrate", "Copy the state to another backend, under both locks, and check the copy");
        command.Options.Add(to);
        command.Options.Add(force);
        command.Options.Add(lockTimeout);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var targetFile = Path.GetFullPath(parse.GetValue(to)!, context.Environment.WorkingDirectory);
            var source = await context.StateOnlyBackendAsync(cancellationToken);
            var target = await context.StateOnlyBackendAsync(LabLoader.LoadStateSettingsFile(targetFile, context.LabDirectory), cancellationToken);
            if (source.Location == target.Location)
                throw new UsageException($"{parse.GetValue(to)} names the state's current place ({source.Location})", "name the backend to move to");
            if (await StateMigration.CopyAsync(context, source, target, parse.GetValue(force), RunOptions.ParseTimeout(parse.GetValue(lockTimeout)!), cancellationToken))
                context.Terminal.Line($"Now put FILE's state: section in the lab. The old state is left at {source.Location}: remove it once the lab uses the new one.");
            return ExitCodes.Success;
        });
        return command;
    }
}
