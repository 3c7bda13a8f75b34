using System.CommandLine;
using Hearth.Cli.Rendering;
using Hearth.Core.Diagnostics;
using Hearth.Core.Labs;
using Hearth.Core.State;

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
            var timeout = RunOptions.ParseTimeout(parse.GetValue(lockTimeout)!);

            StateDocument copied;
            await using (var from = await source.OpenAsync(context.Lock("state migrate", source), timeout, cancellationToken))
            {
                copied = from.Current;
                await using var into = await target.OpenAsync(context.Lock("state migrate", target), timeout, cancellationToken);
                if (IsSame(into.Current, copied))
                {
                    context.Terminal.Line($"{target.Location} already holds this state (serial {copied.Serial}): nothing to copy.");
                    return ExitCodes.Success;
                }
                CheckTarget(into.Current, target.Location, parse.GetValue(force));
                await into.ReplaceAsync(copied, cancellationToken);
            }

            var stored = await target.ReadAsync(cancellationToken);
            if (stored is null || !IsSame(stored, copied))
                throw new StateException($"the copy at {target.Location} does not read back as the state that was copied",
                    $"the state at {source.Location} is unchanged; run the migration again, or check the target");
            context.Terminal.Line($"Copied the state (lineage {copied.Lineage}, serial {copied.Serial}, {copied.Resources.Count} resource(s)) " +
                $"from {source.Location} to {target.Location}, and read it back.", Styles.Success);
            context.Terminal.Line($"Now put FILE's state: section in the lab. The old state is left at {source.Location}: remove it once the lab uses the new one.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static bool IsSame(StateDocument stored, StateDocument copied) =>
        stored.Lineage == copied.Lineage && stored.Serial == copied.Serial &&
        StateSerializer.ToBytes(stored, "").AsSpan().SequenceEqual(StateSerializer.ToBytes(copied, ""));

    /// <summary>The target must be empty: a state already there is another lab's, or an older copy of this one.</summary>
    private static void CheckTarget(StateDocument existing, string location, bool force)
    {
        if (existing.IsEmpty && existing.Serial == 0 || force)
            return;
        throw new StateException(
            $"{location} already holds a state (lineage {existing.Lineage}, serial {existing.Serial}, {existing.Resources.Count} resource(s))",
            "migrate to an empty place, or pass --force to overwrite it (the state there is lost)");
    }
}
