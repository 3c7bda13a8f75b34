using Hearth.Core.State;

namespace Hearth.Cli.Rendering;

/// <summary>Prints state instances the way <c>terraform state show</c> does, sensitive values redacted.</summary>
internal sealed class StateRenderer(Terminal terminal)
{
    /// <param name="note">Follows the heading, as " (deposed object KEY)" does.</param>
    public void RenderInstance(ResourceInstanceState instance, string note = "")
    {
        terminal.Line($"# {instance.Address}:{(instance.Tainted ? " (tainted)" : "")}{note}", Styles.Emphasis);
        terminal.Line($"{instance.Kind} \"{instance.Address.Name}\" {{");
        var shown = instance.Attributes.Entries.Where(e => e.Value is not Hearth.Core.Values.NullValue).ToList();
        var width = shown.Count == 0 ? 0 : shown.Max(e => ValueText.Key(e.Key).Length);
        foreach (var (name, value) in shown)
            terminal.Line($"    {ValueText.Key(name).PadRight(width)} = {ValueText.Format(value)}");
        terminal.Line("}");
    }

    public void RenderOutputs(StateDocument state)
    {
        if (state.Outputs.IsEmpty)
            return;
        terminal.Line();
        terminal.Line("Outputs:", Styles.Emphasis);
        terminal.Line();
        foreach (var (name, output) in state.Outputs)
            terminal.Line($"{name} = {(output.Sensitive ? "(sensitive value)" : ValueText.Format(output.Value))}");
    }
}
