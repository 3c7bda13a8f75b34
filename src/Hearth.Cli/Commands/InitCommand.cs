using System.CommandLine;
using Hearth.Cli.Rendering;
using Hearth.Core.Labs;
using Hearth.Core.State.Local;

namespace Hearth.Cli.Commands;

/// <summary><c>hearth init [DIR]</c>: scaffolds a new lab that validates and plans cleanly.</summary>
internal static class InitCommand
{
    public static Command Create(CommandActions actions)
    {
        var directory = new Argument<string?>("DIR") { Description = "Where to create the lab (default: the lab directory)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("init", "Create a new lab: hearth.yaml and a .gitignore for the local state");
        command.Arguments.Add(directory);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var target = parse.GetValue(directory) is { } dir ? Path.GetFullPath(dir, context.Environment.WorkingDirectory) : context.LabDirectory;
            var labFile = Path.Combine(target, LabLoader.RootFileName);
            if (File.Exists(labFile))
                throw new UsageException($"{labFile} already exists", "hearth init never overwrites a lab; edit it instead");
            Directory.CreateDirectory(target);
            var name = SafeName(Path.GetFileName(target.TrimEnd(Path.DirectorySeparatorChar)));
            await AtomicFile.WriteAsync(labFile, System.Text.Encoding.UTF8.GetBytes(Scaffold(name)), cancellationToken);
            var gitignore = Path.Combine(target, ".gitignore");
            var ignored = File.Exists(gitignore) ? await File.ReadAllTextAsync(gitignore, cancellationToken) : "";
            if (!ignored.Split('\n').Any(l => l.Trim() is ".hearth/" or ".hearth"))
                await File.AppendAllTextAsync(gitignore, (ignored.Length > 0 && !ignored.EndsWith('\n') ? "\n" : "") +
                    "# Hearth's local state and lock: may hold sensitive values\n.hearth/\n", cancellationToken);
            context.Terminal.Line([("Hearth lab created ", Styles.Success), ($"in {target}", null)]);
            context.Terminal.Line();
            context.Terminal.Line("Next: edit hearth.yaml, then run `hearth plan` and `hearth apply`.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string SafeName(string name)
    {
        var cleaned = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]).Trim('-');
        return cleaned.Length == 0 ? "lab" : cleaned;
    }

    private static string Scaffold(string name) => $$"""
        # The lab: everything Hearth manages, declared in one place. See docs/lab-format.md.
        lab: {{name}}

        state:
          backend: local
          path: .hearth/state.json

        variables:
          greeting: { default: hello, description: "how the welcome file greets" }

        resources:
          data.site:
            input: { name: {{name}} }
          file.welcome:
            path: out/welcome.txt
            content: "${var.greeting} from ${data.site.output.name}\n"

        outputs:
          welcome_file: "${file.welcome.path}"

        """;
}
