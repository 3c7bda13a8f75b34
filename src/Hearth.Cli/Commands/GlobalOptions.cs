using System.CommandLine;
using Hearth.Cli.Hosting;
using Hearth.Cli.Rendering;

namespace Hearth.Cli.Commands;

/// <summary>Options every command accepts.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Lab { get; } = new("--lab", "-C")
    {
        Description = "The lab directory (default: the current directory)",
        HelpName = "DIR",
        Recursive = true,
    };

    public Option<bool> NoColor { get; } = new("--no-color")
    {
        Description = "Plain output without colours (also when NO_COLOR is set or output is not a terminal)",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Say what was loaded (files, resources, state) on stderr", Recursive = true };

    public Option<bool> Debug { get; } = new("--debug") { Description = "Show internal details of failures", Recursive = true };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Lab);
        root.Options.Add(NoColor);
        root.Options.Add(Verbose);
        root.Options.Add(Debug);
    }

    public CommandContext Context(ParseResult parse, CliEnvironment environment, HearthServices services) => new(
        environment,
        services,
        new Terminal(environment, parse.GetValue(NoColor)),
        Path.GetFullPath(parse.GetValue(Lab) ?? ".", environment.WorkingDirectory),
        parse.GetValue(Verbose),
        parse.GetValue(Debug));
}
