using System.CommandLine;
using Hearth.Cli.Rendering;

namespace Hearth.Cli.Commands;

/// <summary><c>hearth force-unlock LOCK_ID</c>: removes a lock whose holder is gone, after showing who held it.</summary>
internal static class ForceUnlockCommand
{
    public static Command Create(CommandActions actions)
    {
        var lockId = new Argument<string>("LOCK_ID") { Description = "The ID from the \"state is locked\" error" };
        var force = new Option<bool>("--force") { Description = "Do not ask for confirmation" };
        var command = new Command("force-unlock", "Remove a stale state lock");
        command.Arguments.Add(lockId);
        command.Options.Add(force);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var backend = (await context.StateOnlyBackendAsync(cancellationToken));
            var id = parse.GetValue(lockId)!;
            var holder = await backend.GetLockAsync(cancellationToken);
            if (holder is not null)
                context.Terminal.Line($"Lock {holder.Id}: held by {holder.Who} (pid {holder.ProcessId}) since {holder.Created:yyyy-MM-dd HH:mm:ss} UTC for {holder.Operation}.");
            if (!parse.GetValue(force))
            {
                if (!context.Terminal.CanPrompt)
                    throw new UsageException("refusing to force-unlock without confirmation: standard input is not a terminal", "pass --force");
                context.Terminal.Line("Removing a lock another run still uses can corrupt the state.", Styles.Warning);
                if (context.Terminal.Ask("Only 'yes' will be accepted to confirm: ")?.Trim() != "yes")
                {
                    context.Terminal.Line("force-unlock cancelled.");
                    return ExitCodes.Error;
                }
            }
            await backend.ForceUnlockAsync(id, cancellationToken);
            context.Terminal.Line($"The state has been unlocked (lock {id}).", Styles.Success);
            return ExitCodes.Success;
        });
        return command;
    }
}
