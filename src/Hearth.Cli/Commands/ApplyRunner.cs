using Hearth.Cli.Hosting;
using Hearth.Cli.Rendering;
using Hearth.Core.Applying;
using Hearth.Core.Diagnostics;
using Hearth.Core.Labs;
using Hearth.Core.Planning;
using Hearth.Core.State;

namespace Hearth.Cli.Commands;

/// <summary>Runs an approved plan with progress, then prints the summary, the errors and the outputs.</summary>
internal static class ApplyRunner
{
    public static async Task<int> ApplyAsync(CommandContext context, Lab lab, Plan plan, IStateSession session, bool destroy)
    {
        var terminal = context.Terminal;
        using var signals = new StopSignals(context.Environment.HandleSignals, message => terminal.ErrorLine(message, Styles.Warning));
        var status = new ApplyStatus(plan.Actions.Count());
        var observers = new ApplyObservers([new ApplyProgressRenderer(terminal), status]);
        var applier = new Applier(context.Services.Registry, context.Services.Secrets, observers);
        Task<ApplyResult> Apply() => applier.ApplyAsync(lab, plan, session, new ApplyOptions(plan.Options.Parallelism), signals.Stop, signals.Abort);
        var result = terminal.Console is { } console ? await status.ShowWhileAsync(console, Apply) : await Apply();
        await session.FlushAsync(CancellationToken.None);

        terminal.Line();
        if (session.Current.Resources.Values.Any(r => r.Attributes.ContainsSensitive) && lab.State.Settings.Find("encrypt_to") is null)
            new PlanRenderer(terminal).RenderWarning(lab.State.Backend == "local"
                ? $"the state holds sensitive values unencrypted ({lab.State.Path}, readable only by you). Keep it out of version control; `hearth init` adds .hearth/ to .gitignore."
                : $"the state holds sensitive values and is stored unencrypted ({lab.State.Backend}): set state.encrypt_to to your age recipients to encrypt it at rest.");
        if (result.Interrupted)
        {
            terminal.Line($"Interrupted: {result.Added} added, {result.Changed} changed, {result.Destroyed} destroyed; what was done is saved in the state.", Styles.Warning);
            if (!result.Errors.IsEmpty)
                ErrorReporter.Report(new ApplyFailedException(result.Errors), terminal, context.Debug);
            return signals.Terminated ? ExitCodes.Terminated : ExitCodes.Interrupted;
        }
        if (!result.Errors.IsEmpty)
        {
            terminal.Line($"Apply failed: {result.Added} added, {result.Changed} changed, {result.Destroyed} destroyed before the errors below; they are saved in the state.", Styles.Error);
            return ErrorReporter.Report(new ApplyFailedException(result.Errors), terminal, context.Debug);
        }
        terminal.Line(destroy
            ? $"Destroy complete! Resources: {result.Destroyed} destroyed."
            : $"Apply complete! Resources: {result.Added} added, {result.Changed} changed, {result.Destroyed} destroyed.", Styles.Success);
        if (!destroy && !session.Current.Outputs.IsEmpty)
        {
            terminal.Line();
            terminal.Line("Outputs:", Styles.Emphasis);
            terminal.Line();
            foreach (var (name, output) in session.Current.Outputs)
                terminal.Line($"{name} = {(output.Sensitive ? ValueText.Sensitive : ValueText.Format(output.Value))}");
        }
        return ExitCodes.Success;
    }
}
