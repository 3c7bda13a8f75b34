using System.CommandLine;
using Hearth.Cli.Rendering;
using Hearth.Core.Planning;
using Hearth.Core.PlanFiles;
using Hearth.Core.State;

namespace Hearth.Cli.Commands;

/// <summary><c>hearth show [PLANFILE] [--json]</c>: the current state, or a saved plan.</summary>
internal static class ShowCommand
{
    public static Command Create(CommandActions actions)
    {
        var planFile = new Argument<string?>("PLANFILE") { Description = "A plan saved with `hearth plan --out`", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "JSON output (sensitive values redacted)" };
        var command = new Command("show", "Show the state, or a saved plan");
        command.Arguments.Add(planFile);
        command.Options.Add(json);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            if (parse.GetValue(planFile) is { } path)
            {
                var saved = await SavedPlanSerializer.ReadAsync(Path.GetFullPath(path, context.Environment.WorkingDirectory), cancellationToken);
                var lab = context.LoadLab(saved.Variables, useEnvironment: false);
                if (lab.Fingerprint != saved.LabFingerprint)
                    throw new Hearth.Core.Diagnostics.PlanException("the lab changed since this plan was made, so it can no longer be shown in full",
                        "make a new plan with `hearth plan --out FILE`");
                var plan = await new Planner(context.Services.Registry, context.Services.Secrets)
                    .PlanAsync(lab, saved.RefreshedState, saved.Options with { Refresh = false }, cancellationToken);
                if (parse.GetValue(json))
                {
                    await using var buffer = new MemoryStream();
                    PlanJsonWriter.Write(buffer, plan, context.Services.Version);
                    await context.Terminal.Output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                }
                else
                {
                    new PlanRenderer(context.Terminal).Render(plan);
                }
                return ExitCodes.Success;
            }
            var current = await (await context.StateOnlyBackendAsync(cancellationToken)).ReadAsync(cancellationToken) ?? StateDocument.CreateNew();
            if (parse.GetValue(json))
            {
                await context.Terminal.Output.WriteLineAsync(StateJsonView.Redacted(current, context.Services.Version));
                return ExitCodes.Success;
            }
            if (current.IsEmpty)
            {
                context.Terminal.Line("The state is empty. Run `hearth apply` to create what the lab declares.");
                return ExitCodes.Success;
            }
            var renderer = new StateRenderer(context.Terminal);
            foreach (var instance in current.Resources.Values)
            {
                renderer.RenderInstance(instance);
                context.Terminal.Line();
            }
            foreach (var deposed in current.Deposed)
            {
                renderer.RenderInstance(deposed.Instance, $" (deposed object {deposed.Key})");
                context.Terminal.Line();
            }
            renderer.RenderOutputs(current);
            return ExitCodes.Success;
        });
        return command;
    }
}
