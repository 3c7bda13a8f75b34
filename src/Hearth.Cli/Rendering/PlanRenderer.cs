using Hearth.Core.Planning;
using Hearth.Core.Values;

namespace Hearth.Cli.Rendering;

/// <summary>Prints a plan in Terraform's shape: drift first, the legend, one block per change, outputs, the summary line.</summary>
internal sealed class PlanRenderer(Terminal terminal)
{
    private readonly DiffWriter _diff = new(terminal);

    public void Render(Plan plan)
    {
        foreach (var warning in plan.Warnings)
            RenderWarning(warning);
        RenderDrift(plan);
        var actions = plan.Actions.ToList();
        var outputChanges = plan.Outputs.Where(o => o.IsChange).ToList();
        if (plan.Options.Mode == PlanMode.RefreshOnly)
        {
            if (plan.Drift.IsEmpty)
                terminal.Line("No changes. Your lab's objects still match the state.", Styles.Emphasis);
            else
                terminal.Line("This is a refresh-only plan, so Hearth will not take any actions to undo these. Apply it to record the updated values in the state without changing any objects.");
            return;
        }
        if (actions.Count == 0 && outputChanges.Count == 0)
        {
            terminal.Line(plan.Options.Mode == PlanMode.Destroy
                ? "No changes. No objects need to be destroyed."
                : "No changes. Your lab matches the configuration.", Styles.Emphasis);
            return;
        }
        if (actions.Count > 0)
        {
            RenderLegend(actions);
            terminal.Line("Hearth will perform the following actions:");
            foreach (var change in actions)
            {
                terminal.Line();
                RenderChange(change);
            }
            terminal.Line();
        }
        terminal.Line([("Plan: ", Styles.Emphasis), ($"{plan.ToAdd} to add, {plan.ToChange} to change, {plan.ToDestroy} to destroy.", null)]);
        if (outputChanges.Count > 0)
        {
            terminal.Line();
            terminal.Line("Changes to Outputs:");
            RenderOutputChanges(outputChanges);
        }
    }

    public void RenderWarning(string warning)
    {
        terminal.Line([("Warning: ", Styles.Warning), (warning, null)]);
        terminal.Line();
    }

    private void RenderLegend(IEnumerable<ResourceChange> actions)
    {
        terminal.Line("Resource actions are indicated with the following symbols:");
        var used = actions.Select(a => a.Action).Distinct().Order().ToList();
        foreach (var action in used)
        {
            var description = action switch
            {
                ChangeAction.Create => "create",
                ChangeAction.Update => "update in-place",
                ChangeAction.DeleteThenCreate => "destroy and then create replacement",
                ChangeAction.CreateThenDelete => "create replacement and then destroy",
                _ => "destroy",
            };
            terminal.Line([(action.Symbol().PadLeft(3), StyleOf(action)), (" " + description, null)]);
        }
        terminal.Line();
    }

    private void RenderChange(ResourceChange change)
    {
        var deposed = change.DeposedKey is null ? "" : $" (deposed object {change.DeposedKey})";
        terminal.Line($"  # {change.Address}{deposed} {Sentence(change)}", Styles.Emphasis);
        if (ReasonLine(change) is { } reason)
            terminal.Line($"  # {reason}", Styles.Muted);
        var symbol = change.Action.Symbol();
        terminal.Line([(symbol.PadLeft(3), StyleOf(change.Action)), ($" {change.Address.Kind} \"{change.Address.Name}\" {{", null)]);
        var forcing = change.ReplacePaths.ToHashSet(StringComparer.Ordinal);
        switch (change.Action)
        {
            case ChangeAction.Create:
                _diff.WriteBody(null, change.After, 4, forcing, showUnchanged: true);
                break;
            case ChangeAction.Delete:
                _diff.WriteBody(change.Before, null, 4, forcing, showUnchanged: true);
                break;
            default:
                _diff.WriteBody(change.Before, change.After, 4, forcing, showUnchanged: false);
                break;
        }
        terminal.Line("    }");
    }

    private void RenderDrift(Plan plan)
    {
        if (plan.Drift.IsEmpty)
            return;
        terminal.Line("Note: Objects have changed outside of Hearth", Styles.Emphasis);
        terminal.Line();
        terminal.Line("Hearth detected the following changes made outside of Hearth since the last \"hearth apply\":");
        foreach (var drift in plan.Drift)
        {
            terminal.Line();
            terminal.Line($"  # {drift.Address} {(drift.After is null ? "has been deleted" : "has changed")}", Styles.Emphasis);
            var action = drift.After is null ? ChangeAction.Delete : ChangeAction.Update;
            terminal.Line([(action.Symbol().PadLeft(3), StyleOf(action)), ($" {drift.Address.Kind} \"{drift.Address.Name}\" {{", null)]);
            _diff.WriteBody(drift.Before, drift.After, 4, new HashSet<string>(), showUnchanged: drift.After is null);
            terminal.Line("    }");
        }
        terminal.Line();
        if (plan.Options.Mode != PlanMode.RefreshOnly)
        {
            terminal.Line("Unless you have made equivalent changes to your configuration, or ignored the relevant attributes using ignore_changes, the following plan may include actions to undo or respond to these changes.");
            terminal.Line();
            terminal.Line(new string('─', 77), Styles.Muted);
            terminal.Line();
        }
    }

    /// <summary>All output changes as one block, so names align; sensitive values never show, only that they change.</summary>
    private void RenderOutputChanges(IReadOnlyList<OutputChange> outputs)
    {
        static Value Shown(OutputChange output, Value value, string side) =>
            output.Sensitive ? Value.String(side).MarkSensitive() : value;
        var before = outputs.Where(o => o.Before is not null).Select(o => KeyValuePair.Create(o.Name, Shown(o, o.Before!, "before")));
        var after = outputs.Where(o => o.After is not null).Select(o => KeyValuePair.Create(o.Name, Shown(o, o.After!, "after")));
        _diff.WriteBody(new MapValue(new ValueMap(before)), new MapValue(new ValueMap(after)), 0, new HashSet<string>(), showUnchanged: false);
    }

    public static string Sentence(ResourceChange change) => change.Action switch
    {
        ChangeAction.Create => "will be created",
        ChangeAction.Update => "will be updated in-place",
        ChangeAction.Delete => "will be destroyed",
        _ => change.Reason switch
        {
            ChangeReason.Tainted => "is tainted, so must be replaced",
            ChangeReason.ReplaceRequested => "will be replaced, as requested",
            _ => "must be replaced",
        },
    };

    private static string? ReasonLine(ResourceChange change) => change.Reason switch
    {
        ChangeReason.NotInConfiguration => $"(because {change.Address.Resource} is not in configuration)",
        ChangeReason.NoForEachKey => $"(because key [\"{change.Address.Key}\"] is not in for_each)",
        ChangeReason.Undeclared => "(because the lab does not declare it where it manages everything: manage: all)",
        _ => null,
    };

    private static Spectre.Console.Style? StyleOf(ChangeAction action) => action switch
    {
        ChangeAction.Create => Styles.Create,
        ChangeAction.Update => Styles.Update,
        ChangeAction.Delete => Styles.Delete,
        _ => Styles.Update,
    };
}
