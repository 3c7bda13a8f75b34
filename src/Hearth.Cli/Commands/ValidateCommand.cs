using Hearth.Cli.Hosting;
using System.CommandLine;
using Hearth.Cli.Rendering;

namespace Hearth.Cli.Commands;

/// <summary><c>hearth validate</c>: loads and checks the lab (and that every referenced secret exists) without touching state or network.</summary>
internal static class ValidateCommand
{
    public static Command Create(CommandActions actions)
    {
        var run = new RunOptions();
        var command = new Command("validate", "Check the lab for errors without touching state or network");
        command.Options.Add(run.Var);
        command.Options.Add(run.VarFile);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var lab = context.LoadLab(run.Variables(parse), run.VariableFiles(parse));
            await context.Services.Secrets.CheckAsync([.. lab.SecretReferences(), .. lab.State.Settings.Secrets()], lab.Directory, cancellationToken);
            new StateBackendFactory(context.Services, context.Environment, context.Terminal).Check(lab.State); // Nothing decrypted, nothing contacted.
            context.Terminal.Line([("Success! ", Styles.Success),
                ($"The lab `{lab.Name}` is valid: {lab.Resources.Length} resource(s), {lab.Outputs.Length} output(s) in {lab.Files.Length} file(s).", null)]);
            return ExitCodes.Success;
        });
        return command;
    }
}
