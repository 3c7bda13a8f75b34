using Hearth.Cli.Hosting;
using Spectre.Console;

namespace Hearth.Cli.Rendering;

/// <summary>
/// Where output goes. On a terminal, lines are coloured through Spectre.Console; with --no-color, NO_COLOR or
/// a redirected stdout, they are written plain, byte for byte, with no ANSI codes and no live widgets.
/// Safe to use from several threads.
/// </summary>
internal sealed class Terminal
{
    private readonly CliEnvironment _environment;
    private readonly IAnsiConsole? _console;
    private readonly Lock _gate = new();

    public Terminal(CliEnvironment environment, bool noColor)
    {
        _environment = environment;
        Color = environment.OutputIsTerminal && !noColor && string.IsNullOrEmpty(environment.Variable("NO_COLOR"));
        if (Color)
            _console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.Yes,
                ColorSystem = ColorSystemSupport.Standard,
                Out = new AnsiConsoleOutput(environment.Output),
                Interactive = InteractionSupport.Yes,
            });
    }

    /// <summary>Colours and live progress are on.</summary>
    public bool Color { get; }

    /// <summary>Standard input is a terminal, so hearth may ask questions and read the answer.</summary>
    public bool CanPrompt => _environment.InputIsTerminal;

    public IAnsiConsole? Console => _console;

    public TextWriter Output => _environment.Output;

    public void Line(string text = "", Style? style = null) => Line([(text, style)]);

    /// <summary>Writes one line made of differently styled parts, in one write (a live status line redraws around it).</summary>
    public void Line(IEnumerable<(string Text, Style? Style)> parts)
    {
        lock (_gate)
        {
            if (_console is null)
            {
                foreach (var (text, _) in parts)
                    _environment.Output.Write(text);
                _environment.Output.WriteLine();
                return;
            }
            var line = new Paragraph();
            foreach (var (text, style) in parts)
                line.Append(text, style);
            line.Append("\n");
            _console.Write(line);
        }
    }

    public void ErrorLine(string text, Style? style = null)
    {
        lock (_gate)
        {
            if (Color && style is not null)
                _environment.Error.WriteLine(Ansi(text, style.Value));
            else
                _environment.Error.WriteLine(text);
        }
    }

    /// <summary>Asks a question on the terminal and returns the answer (null at end of input).</summary>
    public string? Ask(string question)
    {
        lock (_gate)
        {
            _environment.Output.Write(question);
            _environment.Output.Flush();
        }
        return _environment.Input.ReadLine();
    }

    private static string Ansi(string text, Style style)
    {
        var code = style.Foreground == Spectre.Console.Color.Red ? "31" : style.Foreground == Spectre.Console.Color.Yellow ? "33" : "1";
        return $"\u001b[{code}m{text}\u001b[0m";
    }
}
