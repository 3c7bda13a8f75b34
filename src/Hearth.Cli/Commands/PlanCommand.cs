using System.CommandLine;
using Hearth.Cli.Rendering;
using Hearth.Core.Labs;
using Hearth.Core.Planning;
using Hearth.Core.PlanFiles;

namespace Hearth.Cli.Commands;

/// <summary><c>hearth plan</c>: shows what apply would do; optionally saves it with --out.</summary>
internal static class PlanCommand
{
    public static Command Create(CommandActions actions)
    {
        var run = new RunOptions();
        var destroy = new Option<bool>("--destroy") { Description = "Plan to destroy everything (or the targets and what depends on them)" };
        var output = new Option<string?>("--out", "-o") { Description = "Save the plan to FILE for `hearth apply FILE`", HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print the plan as one JSON document" };
        var detailed = new Option<bool>("--detailed-exitcode") { Description = "Exit 0 when there are no changes, 2 when there are, 1 on error" };
        var command = new Command("plan", "Show what apply would change");
        run.AddTo(command);
        command.Options.Add(destroy);
        command.Options.Add(output);
        command.Options.Add(json);
        command.Options.Add(detailed);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var options = run.PlanOptions(parse, parse.GetValue(destroy) ? PlanMode.Destroy : PlanMode.Normal);
            var variables = run.Variables(parse);
            var lab = context.LoadLab(variables);
            var backend = context.Backend(lab);
            Plan plan;
            await using (var session = await backend.OpenAsync(context.Lock("plan", backend), run.Timeout(parse), cancellationToken))
                plan = await new Planner(context.Services.Registry, context.Services.Secrets).PlanAsync(lab, session.Current, options, cancellationToken);

            if (parse.GetValue(json))
            {
                await using var stdout = new MemoryStream();
                PlanJsonWriter.Write(stdout, plan, context.Services.Version);
                await context.Terminal.Output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
            }
            else
            {
                new PlanRenderer(context.Terminal).Render(plan);
            }
            if (parse.GetValue(output) is { } path)
            {
                var full = Path.GetFullPath(path, context.Environment.WorkingDirectory);
                await SavedPlanSerializer.WriteAsync(full, SavedPlan.From(plan, PlanVariables(context, lab, variables), context.Services.Version), cancellationToken);
                if (!parse.GetValue(json))
                {
                    context.Terminal.Line();
                    context.Terminal.Line($"Saved the plan to: {path}");
                    context.Terminal.Line();
                    context.Terminal.Line($"To perform exactly these actions, run: hearth apply {path}");
                }
            }
            return parse.GetValue(detailed) && plan.HasChanges ? ExitCodes.ChangesPresent : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Every variable value that came from outside the lab files, so apply can load the same lab.</summary>
    private static IEnumerable<KeyValuePair<string, string>> PlanVariables(CommandContext context, Lab lab, IReadOnlyList<KeyValuePair<string, string>> commandLine) =>
        context.Environment.Variables
            .Where(e => e.Key.StartsWith(LabLoader.EnvironmentPrefix, StringComparison.Ordinal))
            .Select(e => KeyValuePair.Create(e.Key[LabLoader.EnvironmentPrefix.Length..], e.Value))
            .Where(e => lab.Variables.ContainsKey(e.Key))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Concat(commandLine);
}
