using System.CommandLine;
using Hearth.Secrets.Sops;

namespace Hearth.Cli.Commands.Sops;

/// <summary>
/// <c>exec-env FILE CMD</c> runs CMD with the file's top-level values as environment variables; <c>exec-file FILE
/// CMD</c> runs it with <c>{}</c> replaced by the path of the decrypted file, which is removed afterwards. CMD is a
/// shell command line, as with sops; its exit code is hearth's.
/// </summary>
internal static class SopsExecCommands
{
    public static Command CreateExecEnv(SopsActions actions, SopsOptions options)
    {
        var (file, commandLine) = Arguments();
        var pristine = new Option<bool>("--pristine") { Description = "Run CMD with only the file's variables, not hearth's environment" };
        var command = new Command("exec-env", "Run CMD with the file's values as environment variables");
        command.Arguments.Add(file);
        command.Arguments.Add(commandLine);
        command.Options.Add(pristine);
        command.Options.Add(options.InputType);
        command.Options.Add(options.IgnoreMac);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var (_, opened) = await context.OpenAsync(context.Read(path, parse.GetValue(options.InputType)).Parsed, path, parse.GetValue(options.IgnoreMac), cancellationToken);
            var start = SopsProcess.Shell(parse.GetValue(commandLine)!);
            if (parse.GetValue(pristine))
                start.Environment.Clear();
            foreach (var (name, value) in opened.Documents[0].Values)
            {
                if (value is not SopsScalar scalar)
                    throw new SopsCommandException(SopsExitCodes.Generic, $"`{name}` holds a nested value, which cannot be an environment variable", "exec-env uses top-level keys only");
                if (name.Contains('=', StringComparison.Ordinal))
                    throw new SopsCommandException(SopsExitCodes.Generic, $"`{name}` contains `=`, which an environment variable name cannot");
                start.Environment[name] = scalar.ToText();
            }
            return await RunAsync(context, start);
        });
        return command;
    }

    public static Command CreateExecFile(SopsActions actions, SopsOptions options)
    {
        var (file, commandLine) = Arguments();
        var filename = new Option<string>("--filename") { Description = "Name of the decrypted file", DefaultValueFactory = _ => "tmp-file" };
        var noFifo = new Option<bool>("--no-fifo") { Description = "Accepted for sops compatibility: the decrypted file is always a private file on a RAM-backed filesystem where there is one" };
        var command = new Command("exec-file", "Run CMD with {} replaced by the path of the decrypted file");
        command.Arguments.Add(file);
        command.Arguments.Add(commandLine);
        command.Options.Add(filename);
        command.Options.Add(noFifo);
        command.Options.Add(options.InputType);
        command.Options.Add(options.OutputType);
        command.Options.Add(options.IgnoreMac);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var (store, parsed) = context.Read(path, parse.GetValue(options.InputType));
            var (_, opened) = await context.OpenAsync(parsed, path, parse.GetValue(options.IgnoreMac), cancellationToken);
            var output = parse.GetValue(options.OutputType) is { } type ? context.Store(type, null) : store;
            using var temp = PrivateTempDirectory.Create();
            var name = Path.GetFileName(parse.GetValue(filename)!);
            var decrypted = await temp.WriteAsync(name.Length == 0 ? "tmp-file" : name, SopsContext.Write(output, opened.Documents, null), cancellationToken);
            // Quoted for the shell, so a --filename with spaces or shell characters stays one word.
            var quoted = "'" + decrypted.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
            return await RunAsync(context, SopsProcess.Shell(parse.GetValue(commandLine)!.Replace("{}", quoted, StringComparison.Ordinal)));
        });
        return command;
    }

    private static (Argument<string> File, Argument<string> Command) Arguments() => (
        new Argument<string>("FILE") { Description = "The SOPS file" },
        new Argument<string>("CMD") { Description = "A shell command line" });

    private static Task<int> RunAsync(SopsContext context, System.Diagnostics.ProcessStartInfo start)
    {
        start.WorkingDirectory = context.BaseDirectory;
        context.Environment.Output.Flush(); // The command writes to the same output: what hearth wrote goes first.
        return SopsProcess.RunAttachedAsync(start, context.Environment.HandleSignals);
    }
}
