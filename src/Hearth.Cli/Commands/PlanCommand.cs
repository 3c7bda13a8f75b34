using System.CommandLine;
using Hearth.Cli.Rendering;
using Hearth.Core.Labs;
using Hearth.Core.Planning;
using Hearth.Core.PlanFiles;
using Hearth.Core.State;
using Hearth.Core.Values;

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
            var lab = context.LoadLab(run.Variables(parse), run.VariableFiles(parse));
            var backend = await context.BackendAsync(lab, cancellationToken);
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
                await SavedPlanSerializer.WriteAsync(full, SavedPlan.From(plan, PlanVariables(lab), context.Services.Version), cancellationToken);
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

    /// <summary>
    /// Every variable whose value is not its default, as text the loader reads back to the same value: apply loads
    /// the lab with exactly these, whatever the environment says then.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string>> PlanVariables(Lab lab) =>
        lab.Variables.Values
            .Where(v => !Equals(v.Default?.Unmarked(), lab.VariableValues.GetValueOrDefault(v.Name)?.Unmarked()))
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .Select(v => KeyValuePair.Create(v.Name, VariableText(v, lab.VariableValues[v.Name].Unmarked())));

    /// <summary>A string variable's text is taken as is; any other value is read as YAML, so it is written as JSON.</summary>
    private static string VariableText(VariableDefinition variable, Value value)
    {
        if (value is StringValue s && variable.Type == Core.Resources.AttributeType.String)
            return s.Text;
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, StateSerializer.CompactWriterOptions))
            ValueJson.Write(writer, value);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
