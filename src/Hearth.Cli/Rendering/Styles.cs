using Spectre.Console;

namespace Hearth.Cli.Rendering;

/// <summary>The few styles hearth uses, named for what they mean.</summary>
internal static class Styles
{
    public static readonly Style Create = new(Color.Green);
    public static readonly Style Update = new(Color.Yellow);
    public static readonly Style Delete = new(Color.Red);
    public static readonly Style Emphasis = new(decoration: Decoration.Bold);
    public static readonly Style Muted = new(Color.Grey);
    public static readonly Style Error = new(Color.Red, decoration: Decoration.Bold);
    public static readonly Style Warning = new(Color.Yellow, decoration: Decoration.Bold);
    public static readonly Style Success = new(Color.Green, decoration: Decoration.Bold);
}
