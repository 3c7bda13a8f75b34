using System.CommandLine;
using Hearth.Cli.Rendering;
using Hearth.Core.Labs;
using Hearth.Core.State.Local;
using Hearth.Secrets.Age;

namespace Hearth.Cli.Commands;

/// <summary><c>hearth init [DIR]</c>: scaffolds a new lab that validates and plans cleanly.</summary>
internal static class InitCommand
{
    public static Command Create(CommandActions actions)
    {
        var directory = new Argument<string?>("DIR") { Description = "Where to create the lab (default: the lab directory)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("init", "Create a new lab: hearth.yaml, a .gitignore for the local state, .sops.yaml and an age key if none exists");
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
                    "# Hearth's local state and lock, and state saved when a remote write failed: may hold sensitive values\n.hearth/\n*.hearth-state\n", cancellationToken);
            var recipient = await EnsureAgeKeyAsync(context, cancellationToken);
            var sopsConfig = Path.Combine(target, ".sops.yaml");
            if (!File.Exists(sopsConfig))
                await AtomicFile.WriteAsync(sopsConfig, System.Text.Encoding.UTF8.GetBytes(SopsConfig(recipient)), cancellationToken);
            context.Terminal.Line([("Hearth lab created ", Styles.Success), ($"in {target}", null)]);
            context.Terminal.Line($"Secrets under secrets/ are encrypted to {recipient} (.sops.yaml); use `${{secret:secrets/FILE.yaml#KEY}}` in the lab.");
            context.Terminal.Line();
            context.Terminal.Line("Next: edit hearth.yaml, then run `hearth plan` and `hearth apply`.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The age identity secrets are encrypted to: the first one sops would find, or a new one written where sops
    /// looks by default (owner-only, never overwritten). Returns its recipient.
    /// </summary>
    private static async Task<string> EnsureAgeKeyAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var existing = await AgeIdentitySources.LoadAsync(context.Environment.Variables, cancellationToken);
        if (existing.Count > 0)
            return existing[0].Recipient;
        var keyFile = AgeIdentitySources.DefaultKeyFile(context.Environment.Variables)
            ?? throw new UsageException("cannot tell where to keep a new age key: neither HOME nor XDG_CONFIG_HOME is set",
                "set SOPS_AGE_KEY_FILE to an existing key, or HOME");
        var identity = AgeIdentity.Generate();
        await AtomicFile.WriteAsync(keyFile, System.Text.Encoding.UTF8.GetBytes(identity.ToKeyFile(DateTimeOffset.Now)), cancellationToken,
            UnixFileMode.UserRead | UnixFileMode.UserWrite);
        context.Terminal.Line($"Created an age key for secrets: {keyFile} (public key {identity.Recipient}). Back it up: without it the secrets cannot be read.");
        return identity.Recipient;
    }

    private static string SopsConfig(string recipient) => $$"""
        # Which keys new SOPS files are encrypted to (read by hearth and sops alike).
        creation_rules:
          - path_regex: secrets/.*\.(yaml|yml|json|env|ini)$
            age: {{recipient}}

        """;

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
