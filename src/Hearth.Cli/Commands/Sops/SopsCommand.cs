using System.CommandLine;
using Hearth.Secrets;
using Hearth.Secrets.Sops;

namespace Hearth.Cli.Commands.Sops;

/// <summary>
/// <c>hearth sops</c>: the sops command line, on the same files. <c>hearth sops FILE</c> edits, <c>-e</c>/<c>-d</c>
/// encrypt and decrypt (to stdout unless <c>-i</c> or <c>--output</c>), and the subcommands do the rest.
/// </summary>
internal static class SopsCommand
{
    public static Command Create(SopsActions actions)
    {
        var options = new SopsOptions();
        var file = new Argument<string?>("FILE") { Description = "The file to edit, encrypt or decrypt", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("sops", "Edit, encrypt and decrypt SOPS files, with sops's options and exit codes");
        command.Arguments.Add(file);
        foreach (var option in new Option[] { options.Encrypt, options.Decrypt, options.InPlace, options.Output, options.InputType, options.OutputType,
                     options.Extract, options.IgnoreMac, options.Indent })
            command.Options.Add(option);
        options.AddEncryptionOptionsTo(command);
        actions.Bind(command, (parse, context, cancellationToken) =>
        {
            var path = parse.GetValue(file) ?? throw new SopsCommandException(SopsExitCodes.NoFileSpecified, "no file specified", "usage: hearth sops [-e|-d] [-i] FILE");
            var (encrypt, decrypt) = (parse.GetValue(options.Encrypt), parse.GetValue(options.Decrypt));
            if (encrypt && decrypt)
                throw new SopsCommandException(SopsExitCodes.ConflictingParameters, "--encrypt and --decrypt cannot be used together");
            return encrypt ? EncryptAsync(parse, context, options, path, cancellationToken)
                : decrypt ? DecryptAsync(parse, context, options, path, cancellationToken)
                : SopsEditor.EditAsync(parse, context, options, path, cancellationToken);
        });

        command.Subcommands.Add(Mode("encrypt", "Encrypt FILE (to stdout, or in place with -i)", actions, options, EncryptAsync, encrypting: true));
        command.Subcommands.Add(Mode("decrypt", "Decrypt FILE (to stdout, or in place with -i)", actions, options, DecryptAsync, encrypting: false));
        command.Subcommands.Add(CreateEdit(actions, options));
        command.Subcommands.Add(SopsExecCommands.CreateExecEnv(actions, options));
        command.Subcommands.Add(SopsExecCommands.CreateExecFile(actions, options));
        command.Subcommands.Add(SopsSetCommands.CreateSet(actions, options));
        command.Subcommands.Add(SopsSetCommands.CreateUnset(actions, options));
        command.Subcommands.Add(SopsKeyCommands.CreateUpdateKeys(actions, options));
        command.Subcommands.Add(SopsKeyCommands.CreateRotate(actions, options));
        command.Subcommands.Add(CreateFileStatus(actions, options));
        return command;
    }

    private delegate Task<int> Handler(ParseResult parse, SopsContext context, SopsOptions options, string path, CancellationToken cancellationToken);

    private static Command Mode(string name, string description, SopsActions actions, SopsOptions options, Handler handler, bool encrypting)
    {
        var file = new Argument<string>("FILE") { Description = "The file" };
        var command = new Command(name, description);
        command.Arguments.Add(file);
        foreach (var option in new Option[] { options.InPlace, options.Output, options.InputType, options.OutputType, options.IgnoreMac, options.Indent })
            command.Options.Add(option);
        if (encrypting)
            options.AddEncryptionOptionsTo(command);
        else
            command.Options.Add(options.Extract);
        actions.Bind(command, (parse, context, cancellationToken) => handler(parse, context, options, parse.GetValue(file)!, cancellationToken));
        return command;
    }

    private static Command CreateEdit(SopsActions actions, SopsOptions options)
    {
        var file = new Argument<string>("FILE") { Description = "The file (created when it does not exist)" };
        var command = new Command("edit", "Edit FILE in $SOPS_EDITOR or $EDITOR; it is encrypted again on save");
        command.Arguments.Add(file);
        foreach (var option in new Option[] { options.InputType, options.IgnoreMac, options.Indent })
            command.Options.Add(option);
        options.AddEncryptionOptionsTo(command);
        actions.Bind(command, (parse, context, cancellationToken) => SopsEditor.EditAsync(parse, context, options, parse.GetValue(file)!, cancellationToken));
        return command;
    }

    private static async Task<int> EncryptAsync(ParseResult parse, SopsContext context, SopsOptions options, string path, CancellationToken cancellationToken)
    {
        var indent = parse.GetValue(options.Indent);
        var (store, parsed) = context.Read(path, parse.GetValue(options.InputType), indent);
        if (parsed.IsEncrypted)
            throw new SopsCommandException(SopsExitCodes.FileAlreadyEncrypted, $"{path} is already encrypted", "decrypt it first, or edit it with `hearth sops FILE`");
        var creation = SopsCreation.For(parse, context, options, path);
        var encrypted = SopsEncryptor.EncryptNew(parsed.Documents, creation.Groups, creation.Threshold, creation.Rules,
            context.EncryptionKeys, DateTimeOffset.UtcNow, cancellationToken);
        var output = OutputStore(parse, context, options, store, indent);
        await context.WriteAsync(SopsContext.Write(output, encrypted.Documents, encrypted.Metadata.ToTree()), path, parse.GetValue(options.InPlace), parse.GetValue(options.Output), cancellationToken);
        return 0;
    }

    private static async Task<int> DecryptAsync(ParseResult parse, SopsContext context, SopsOptions options, string path, CancellationToken cancellationToken)
    {
        var indent = parse.GetValue(options.Indent);
        var (store, parsed) = context.Read(path, parse.GetValue(options.InputType), indent);
        var (_, opened) = await context.OpenAsync(parsed, path, parse.GetValue(options.IgnoreMac), cancellationToken);
        var output = OutputStore(parse, context, options, store, indent);
        byte[] content;
        if (parse.GetValue(options.Extract) is { } extract)
        {
            content = SopsTreePath.Parse(extract).Find(opened.Documents[0]) switch
            {
                SopsMap map => output.Write([map], null),
                SopsScalar { Value: byte[] bytes } => bytes,
                SopsScalar scalar => System.Text.Encoding.UTF8.GetBytes(scalar.ToText()),
                _ => throw new SopsCommandException(SopsExitCodes.Generic, $"{extract} is a list, which has no file form of its own",
                    "extract one of its items ([\"key\"][0]) or the map that holds it"),
            };
        }
        else
        {
            content = SopsContext.Write(output, opened.Documents, null);
        }
        await context.WriteAsync(content, path, parse.GetValue(options.InPlace), parse.GetValue(options.Output), cancellationToken);
        return 0;
    }

    private static Secrets.Stores.ISopsStore OutputStore(ParseResult parse, SopsContext context, SopsOptions options, Secrets.Stores.ISopsStore input, int? indent) =>
        parse.GetValue(options.OutputType) is { } type ? context.Store(type, indent) : input;

    private static Command CreateFileStatus(SopsActions actions, SopsOptions options)
    {
        var file = new Argument<string>("FILE") { Description = "The file" };
        var command = new Command("filestatus", "Print {\"encrypted\":true} when FILE is a SOPS file, else {\"encrypted\":false}");
        command.Arguments.Add(file);
        command.Options.Add(options.InputType);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            bool encrypted;
            try
            {
                var (_, parsed) = context.Read(path, parse.GetValue(options.InputType));
                var metadata = parsed.IsEncrypted ? parsed.ToDocument(path).Metadata : null;
                encrypted = metadata is { Version: not null, Mac: not null };
            }
            catch (SecretsException)
            {
                encrypted = false;
            }
            await context.Environment.Output.WriteLineAsync(encrypted ? "{\"encrypted\":true}" : "{\"encrypted\":false}");
            return 0;
        });
        return command;
    }
}
