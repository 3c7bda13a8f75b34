using System.CommandLine;
using Hearth.Secrets.Age;

namespace Hearth.Cli.Commands;

/// <summary><c>hearth keygen [-o FILE]</c>: a new age identity, written as age-keygen writes it.</summary>
internal static class KeygenCommand
{
    public static Command Create(CommandActions actions)
    {
        var output = new Option<string?>("--output", "-o") { Description = "Write the key to FILE (created owner-only, never overwritten) instead of stdout" };
        var command = new Command("keygen", "Generate an age identity for SOPS files; prints its public key");
        command.Options.Add(output);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var identity = AgeIdentity.Generate();
            var content = System.Text.Encoding.ASCII.GetBytes(identity.ToKeyFile(DateTimeOffset.Now));
            if (parse.GetValue(output) is not { } path)
            {
                if (!context.Environment.OutputIsTerminal)
                    context.Terminal.ErrorLine($"Public key: {identity.Recipient}");
                await context.Environment.WriteOutputAsync(content, cancellationToken);
                return ExitCodes.Success;
            }
            var fullPath = Path.GetFullPath(path, context.Environment.WorkingDirectory);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            try
            {
                await using var stream = new FileStream(fullPath, options);
                await stream.WriteAsync(content, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }
            catch (IOException) when (File.Exists(fullPath))
            {
                throw new UsageException($"{path} already exists", "hearth keygen never overwrites a key: choose another file, or move the old key aside first");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write {path}: {e.Message}", "check that the directory exists and is writable");
            }
            context.Terminal.ErrorLine($"Public key: {identity.Recipient}");
            return ExitCodes.Success;
        });
        return command;
    }
}
