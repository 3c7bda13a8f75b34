using System.CommandLine;
using Hearth.Cli.Rendering;
using Hearth.Core.Planning;
using Hearth.Core.PlanFiles;

namespace Hearth.Cli.Commands;

/// <summary><c>hearth apply [PLANFILE]</c> and <c>hearth destroy</c>: plan (or load a saved plan), confirm, apply.</summary>
internal static class ApplyCommand
{
    public static Command Create(CommandActions actions) => Build(actions, destroy: false);

    public static Command CreateDestroy(CommandActions actions) => Build(actions, destroy: true);

    private static Command Build(CommandActions actions, bool destroy)
    {
        var run = new RunOptions();
        var autoApprove = new Option<bool>("--auto-approve") { Description = "Skip the interactive `yes` confirmation" };
        var planFile = new Argument<string?>("PLANFILE") { Description = "A plan saved with `hearth plan --out`", Arity = ArgumentArity.ZeroOrOne };
        var command = destroy
            ? new Command("destroy", "Destroy everything the lab manages (or the targets and what depends on them)")
            : new Command("apply", "Make the real objects match the lab");
        run.AddTo(command, forDestroy: destroy);
        command.Options.Add(autoApprove);
        if (!destroy)
            command.Arguments.Add(planFile);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var saved = destroy ? null : parse.GetValue(planFile);
            var mode = destroy ? PlanMode.Destroy : PlanMode.Normal;
            if (saved is not null)
            {
                if (run.ChangesThePlan(parse))
                    throw new UsageException("a saved plan is applied exactly as it was made: --var, --var-file, --target, --exclude, --replace, --refresh and --refresh-only cannot be given with it",
                        "make a new plan with those options: `hearth plan -out FILE ...`");
                return await ApplySavedAsync(context, Path.GetFullPath(saved, context.Environment.WorkingDirectory), run.Timeout(parse),
                    parse.GetValue(run.Parallelism), cancellationToken);
            }

            var lab = context.LoadLab(run.Variables(parse), run.VariableFiles(parse));
            var backend = await context.BackendAsync(lab, cancellationToken);
            await using var session = await backend.OpenAsync(context.Lock(destroy ? "destroy" : "apply", backend), run.Timeout(parse), cancellationToken);
            var plan = await new Planner(context.Services.Registry, context.Services.Secrets)
                .PlanAsync(lab, session.Current, run.PlanOptions(parse, mode), cancellationToken);
            new PlanRenderer(context.Terminal).Render(plan);
            if (!plan.HasChanges)
                return ExitCodes.Success;
            if (!parse.GetValue(autoApprove) && !Confirm(context, destroy, parse.GetValue(run.Input)))
                return ExitCodes.Error;
            return await ApplyRunner.ApplyAsync(context, lab, plan, session, destroy);
        });
        return command;
    }

    private static async Task<int> ApplySavedAsync(CommandContext context, string path, TimeSpan lockTimeout, int parallelism, CancellationToken cancellationToken)
    {
        var saved = await SavedPlanSerializer.ReadAsync(path, cancellationToken);
        var lab = context.LoadLab(saved.Variables, useEnvironment: false);
        var backend = await context.BackendAsync(lab, cancellationToken);
        await using var session = await backend.OpenAsync(context.Lock("apply", backend), lockTimeout, cancellationToken);
        SavedPlanCheck.EnsureCurrent(saved, lab, session.Current);
        var remade = await new Planner(context.Services.Registry, context.Services.Secrets)
            .PlanAsync(lab, saved.RefreshedState, saved.Options with { Refresh = false, Parallelism = parallelism }, cancellationToken);
        var plan = remade with { Drift = [.. DriftComparer.Compare(session.Current, saved.RefreshedState)] };
        SavedPlanCheck.EnsureSameChanges(saved, plan);
        return await ApplyRunner.ApplyAsync(context, lab, plan, session, plan.Options.Mode == PlanMode.Destroy);
    }

    private static bool Confirm(CommandContext context, bool destroy, bool input)
    {
        var terminal = context.Terminal;
        if (!terminal.CanPrompt || !input)
            throw new UsageException($"refusing to {(destroy ? "destroy" : "apply")} without confirmation: {(input ? "standard input is not a terminal" : "--input=false")}",
                "review the plan, then run again with --auto-approve, or save it with `hearth plan --out FILE` and apply that file");
        terminal.Line();
        terminal.Line(destroy ? "Do you really want to destroy all resources in the plan?" : "Do you want to perform these actions?", Styles.Emphasis);
        terminal.Line(destroy ? "  Hearth will destroy the resources listed above. There is no undo." : "  Hearth will perform the actions described above.");
        terminal.Line("  Only 'yes' will be accepted to approve.");
        terminal.Line();
        var answer = terminal.Ask("  Enter a value: ");
        terminal.Line();
        if (answer?.Trim() == "yes")
            return true;
        terminal.Line(destroy ? "Destroy cancelled." : "Apply cancelled.", Styles.Warning);
        return false;
    }
}
