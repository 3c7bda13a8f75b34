using Hearth.Core.Applying;
using Hearth.Core.Planning;

namespace Hearth.Cli.Rendering;

/// <summary>Turns apply events into Terraform-style progress lines ("file.motd: Creating...", "Creation complete after 1s").</summary>
internal sealed class ApplyProgressRenderer(Terminal terminal) : IApplyObserver
{
    public void OnEvent(ApplyEvent applyEvent)
    {
        var address = applyEvent.Address.ToString();
        switch (applyEvent)
        {
            case ApplyEvent.Started started:
                terminal.Line([(address, Styles.Emphasis), ($": {Verbs(started.Action).Progress}...", null)]);
                break;
            case ApplyEvent.StillRunning running:
                terminal.Line([(address, Styles.Emphasis), ($": Still {Verbs(running.Action).Progress.ToLowerInvariant()}... [{Elapsed(running.Elapsed)} elapsed]", null)]);
                break;
            case ApplyEvent.Completed completed:
                var id = completed.Id is null || completed.Action == ChangeAction.Delete ? "" : $" [id={completed.Id}]";
                terminal.Line([(address, Styles.Emphasis), ($": {Verbs(completed.Action).Done} complete after {Elapsed(completed.Elapsed)}{id}", null)]);
                break;
            case ApplyEvent.Failed failed:
                terminal.Line([(address, Styles.Emphasis), (": ", null), ($"{Verbs(failed.Action).Done} failed after {Elapsed(failed.Elapsed)}", Styles.Delete)]);
                break;
            case ApplyEvent.Noted noted:
                terminal.Line([(address, Styles.Emphasis), ($": {noted.Text}", Styles.Warning)]);
                break;
            case ApplyEvent.Skipped skipped:
                terminal.Line([(address, Styles.Emphasis), ($": Skipped: {skipped.Reason}", Styles.Muted)]);
                break;
        }
    }

    private static (string Progress, string Done) Verbs(ChangeAction action) => action switch
    {
        ChangeAction.Create => ("Creating", "Creation"),
        ChangeAction.Update => ("Modifying", "Modifications"),
        ChangeAction.Delete => ("Destroying", "Destruction"),
        _ => ("Replacing", "Replacement"),
    };

    /// <summary>Terraform's compact durations: 0s, 12s, 1m5s.</summary>
    public static string Elapsed(TimeSpan elapsed)
    {
        var seconds = (int)elapsed.TotalSeconds;
        return seconds < 60 ? $"{seconds}s" : $"{seconds / 60}m{seconds % 60}s";
    }
}
