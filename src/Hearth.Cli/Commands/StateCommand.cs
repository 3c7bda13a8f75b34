using System.CommandLine;
using Hearth.Cli.Rendering;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Core.State.Remote;

namespace Hearth.Cli.Commands;

/// <summary><c>hearth state list|show|rm|mv|pull|push|migrate</c>: inspect, edit and move the state.</summary>
internal static class StateCommand
{
    public static Command Create(CommandActions actions)
    {
        var command = new Command("state", "Inspect and edit the state");
        command.Subcommands.Add(List(actions));
        command.Subcommands.Add(Show(actions));
        command.Subcommands.Add(Remove(actions));
        command.Subcommands.Add(Move(actions));
        command.Subcommands.Add(Pull(actions));
        command.Subcommands.Add(Push(actions));
        command.Subcommands.Add(StateMigrateCommand.Create(actions));
        return command;
    }

    private static Command List(CommandActions actions)
    {
        var filter = new Argument<string[]>("FILTER") { Description = "Only addresses starting with these", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("list", "List the resource instances in the state");
        command.Arguments.Add(filter);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var state = await ReadAsync(context, cancellationToken);
            var filters = parse.GetValue(filter) ?? [];
            foreach (var address in state.Resources.Keys.Select(a => a.ToString())
                .Where(a => filters.Length == 0 || filters.Any(f => a == f || a.StartsWith(f + ".", StringComparison.Ordinal) || a.StartsWith(f + "[", StringComparison.Ordinal))))
                context.Terminal.Line(address);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CommandActions actions)
    {
        var address = new Argument<string>("ADDR") { Description = "The instance to show" };
        var command = new Command("show", "Show one instance's attributes (sensitive values redacted)");
        command.Arguments.Add(address);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var state = await ReadAsync(context, cancellationToken);
            var wanted = ParseAddress(parse.GetValue(address)!);
            var instance = state.Find(wanted) ?? throw new StateException($"{wanted} is not in the state", "list what is with `hearth state list`");
            new StateRenderer(context.Terminal).RenderInstance(instance);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove(CommandActions actions)
    {
        var addresses = new Argument<string[]>("ADDR") { Description = "Instances or resources to forget", Arity = ArgumentArity.OneOrMore };
        var lockTimeout = LockTimeoutOption();
        var command = new Command("rm", "Forget instances without destroying them");
        command.Arguments.Add(addresses);
        command.Options.Add(lockTimeout);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var (backend, session) = await OpenAsync(context, "state rm", parse.GetValue(lockTimeout)!, cancellationToken);
            await using (session)
            {
                var (state, removed) = StateEditor.Remove(session.Current, (parse.GetValue(addresses) ?? []).Select(ParseAddress));
                await session.ReplaceAsync(state, cancellationToken);
                foreach (var address in removed)
                    context.Terminal.Line($"Removed {address}");
                context.Terminal.Line($"Successfully removed {removed.Count} resource instance(s) from {backend.Location}.", Styles.Success);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Move(CommandActions actions)
    {
        var from = new Argument<string>("FROM");
        var to = new Argument<string>("TO");
        var lockTimeout = LockTimeoutOption();
        var command = new Command("mv", "Rename an instance or resource in the state (the object is untouched)");
        command.Arguments.Add(from);
        command.Arguments.Add(to);
        command.Options.Add(lockTimeout);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var (_, session) = await OpenAsync(context, "state mv", parse.GetValue(lockTimeout)!, cancellationToken);
            await using (session)
            {
                var (state, moved) = StateEditor.Move(session.Current, ParseAddress(parse.GetValue(from)!), ParseAddress(parse.GetValue(to)!));
                await session.ReplaceAsync(state, cancellationToken);
                foreach (var (source, destination) in moved)
                    context.Terminal.Line($"Move \"{source}\" to \"{destination}\"");
                context.Terminal.Line($"Successfully moved {moved.Count} object(s).", Styles.Success);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Pull(CommandActions actions)
    {
        var command = new Command("pull", "Print the current state document");
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var state = await ReadAsync(context, cancellationToken);
            await context.Terminal.Output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(StateSerializer.ToBytes(state, context.Services.Version)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Push(CommandActions actions)
    {
        var file = new Argument<string>("FILE") { Description = "A state document (e.g. from `hearth state pull`, or errored.hearth-state), or - for stdin" };
        var force = new Option<bool>("--force") { Description = "Overwrite even another lineage or an older serial" };
        var lockTimeout = LockTimeoutOption();
        var command = new Command("push", "Replace the state with a state document");
        command.Arguments.Add(file);
        command.Options.Add(force);
        command.Options.Add(lockTimeout);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var content = path == "-"
                ? System.Text.Encoding.UTF8.GetBytes(await context.Environment.Input.ReadToEndAsync(cancellationToken))
                : await File.ReadAllBytesAsync(Path.GetFullPath(path, context.Environment.WorkingDirectory), cancellationToken);
            var target = (await context.StateOnlyBackendAsync(cancellationToken));
            // A remote backend reads its own stored form too: errored.hearth-state is encrypted when the state is.
            var incoming = target is RemoteStateBackend remote
                ? await remote.ReadStateFileAsync(content, path, cancellationToken)
                : StateSerializer.Read(content, path);
            var (backend, session) = await OpenAsync(context, "state push", parse.GetValue(lockTimeout)!, cancellationToken);
            await using (session)
            {
                await session.ReplaceAsync(StateEditor.Push(session.Current, incoming, parse.GetValue(force)), cancellationToken);
                context.Terminal.Line($"Pushed {path} to {backend.Location}.", Styles.Success);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string> LockTimeoutOption() =>
        new("--lock-timeout") { Description = "How long to wait for the state lock", DefaultValueFactory = _ => "0s", HelpName = "DURATION" };

    private static async Task<StateDocument> ReadAsync(CommandContext context, CancellationToken cancellationToken) =>
        await (await context.StateOnlyBackendAsync(cancellationToken)).ReadAsync(cancellationToken) ?? StateDocument.CreateNew();

    private static async Task<(IStateBackend, IStateSession)> OpenAsync(CommandContext context, string operation, string lockTimeout, CancellationToken cancellationToken)
    {
        var backend = (await context.StateOnlyBackendAsync(cancellationToken));
        return (backend, await backend.OpenAsync(context.Lock(operation, backend), RunOptions.ParseTimeout(lockTimeout), cancellationToken));
    }

    public static ResourceAddress ParseAddress(string text) =>
        ResourceAddress.TryParse(text, out var address) ? address : throw new UsageException($"\"{text}\" is not a resource address", "write kind.name or kind.name[\"key\"]");
}
