using System.CommandLine;
using Hearth.Cli.Rendering;
using Hearth.Core.Evaluation;
using Hearth.Core.State;

namespace Hearth.Cli.Commands;

/// <summary><c>hearth import ADDR ID</c>: adopts an existing object into the state.</summary>
internal static class ImportCommand
{
    public static Command Create(CommandActions actions)
    {
        var address = new Argument<string>("ADDR") { Description = "The lab address to import into" };
        var id = new Argument<string>("ID") { Description = "The object's ID (for file: its path)" };
        var run = new RunOptions();
        var command = new Command("import", "Adopt an existing object into the state");
        command.Arguments.Add(address);
        command.Arguments.Add(id);
        command.Options.Add(run.Var);
        command.Options.Add(run.VarFile);
        command.Options.Add(run.LockTimeout);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var lab = context.LoadLab(run.Variables(parse), run.VariableFiles(parse));
            var backend = await context.BackendAsync(lab, cancellationToken);
            await using var session = await backend.OpenAsync(context.Lock("import", backend), run.Timeout(parse), cancellationToken);
            var providers = await ProviderEvaluation.ResolveAsync(lab, context.Services.Secrets, session.Current, cancellationToken);
            var instance = await Importer.ImportAsync(lab, session, StateCommand.ParseAddress(parse.GetValue(address)!), parse.GetValue(id)!, providers, cancellationToken);
            // The ID is not echoed: for some kinds (random_password) it is the secret itself.
            context.Terminal.Line($"{instance.Address}: Import complete");
            context.Terminal.Line();
            context.Terminal.Line("Import successful! The object is now managed; run `hearth plan` to see whether it matches the lab.", Styles.Success);
            return ExitCodes.Success;
        });
        return command;
    }
}
