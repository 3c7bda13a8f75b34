using System.CommandLine;
using System.Diagnostics;
using Hearth.Cli.Hosting;
using Hearth.Secrets;
using Hearth.Secrets.Sops;

namespace Hearth.Cli.Commands.Sops;

/// <summary>
/// <c>hearth sops FILE</c>: decrypts to a private temporary file, opens the editor, and encrypts the result back
/// in place only if it changed. Invalid YAML or JSON after editing offers to reopen the editor rather than
/// losing the edit; the plaintext is removed on every way out, Ctrl-C included.
/// </summary>
internal static class SopsEditor
{
    public static async Task<int> EditAsync(ParseResult parse, SopsContext context, SopsOptions options, string path, CancellationToken cancellationToken)
    {
        if (parse.GetValue(options.Output) is not null || parse.GetValue(options.OutputType) is not null || parse.GetValue(options.Extract) is not null)
            throw new SopsCommandException(SopsExitCodes.ConflictingParameters, "--output, --output-type and --extract need -e or -d",
                "editing always writes FILE back in place, in its own format");
        var indent = parse.GetValue(options.Indent);
        var format = parse.GetValue(options.InputType) ?? SopsFiles.FormatOf(path);
        var store = context.Store(format, indent);
        var existing = File.Exists(context.FullPath(path));
        SopsDocument? document = null;
        SopsOpened? opened = null;
        IReadOnlyList<SopsMap> plain;
        if (existing)
        {
            (document, opened) = await context.OpenAsync(context.Read(path, format, indent).Parsed, path, parse.GetValue(options.IgnoreMac), cancellationToken);
            plain = opened.Documents;
        }
        else
        {
            plain = store.Parse(Example(format), path).Documents;
        }
        var creation = existing ? null : SopsCreation.For(parse, context, options, path); // Refuse before the editor opens, not after.
        var editor = EditorCommand(context.Environment);

        using var signals = new StopSignals(context.Environment.HandleSignals);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, signals.Stop);
        IReadOnlyList<SopsMap> edited;
        using (var temp = PrivateTempDirectory.Create())
        {
            var original = store.Write(plain, null);
            var file = await temp.WriteAsync(Path.GetFileName(path), original, stop.Token); // Its own name, so the editor highlights it.
            while (true)
            {
                var start = new ProcessStartInfo(editor[0]);
                foreach (var argument in editor.Skip(1))
                    start.ArgumentList.Add(argument);
                start.ArgumentList.Add(file);
                await context.Environment.Output.FlushAsync(stop.Token); // The editor takes over the same output.
                var exitCode = await SopsProcess.RunAsync(start, stop.Token);
                if (exitCode != 0)
                    throw new SopsCommandException(SopsExitCodes.NoEditorFound, $"the editor exited with code {exitCode}; {path} is unchanged");
                var content = await File.ReadAllBytesAsync(file, stop.Token);
                if (content.AsSpan().SequenceEqual(original))
                {
                    context.Terminal.ErrorLine("File has not changed, exiting.");
                    return SopsExitCodes.FileHasNotBeenModified;
                }
                try
                {
                    edited = store.Parse(content, path).Documents;
                    SopsEncryptor.EnsureNoMetadataKey(edited);
                    break;
                }
                catch (SecretsException e)
                {
                    context.Terminal.ErrorLine($"The edited file is not valid: {e.Message}", Rendering.Styles.Error);
                    context.Terminal.ErrorLine("Press Enter to return to the editor, or Ctrl+C to exit without saving.");
                    if (await context.Environment.Input.ReadLineAsync(stop.Token) is null)
                        throw new SopsCommandException(SopsExitCodes.Generic, $"the edit could not be parsed and there is no terminal to reopen the editor from; {path} is unchanged");
                }
            }
        }
        var encrypted = document is not null && opened is not null
            ? SopsEncryptor.Encrypt(edited, opened.DataKey, document.Metadata, DateTimeOffset.UtcNow, opened.IvStash)
            : SopsEncryptor.EncryptNew(edited, creation!.Groups, creation.Threshold, creation.Rules, context.EncryptionKeys, DateTimeOffset.UtcNow, cancellationToken);
        await context.WriteAsync(store.Write(encrypted.Documents, encrypted.Metadata.ToTree()), path, inPlace: true, output: null, cancellationToken);
        return 0;
    }

    /// <summary>The editor sops would run: $SOPS_EDITOR, $EDITOR (either may carry arguments), else vim, nano or vi.</summary>
    private static IReadOnlyList<string> EditorCommand(CliEnvironment environment)
    {
        foreach (var variable in new[] { "SOPS_EDITOR", "EDITOR" })
        {
            if (environment.Variable(variable) is { Length: > 0 } value)
                return CommandWords.Split(value);
        }
        var path = (environment.Variable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var candidate in new[] { "vim", "nano", "vi" })
        {
            if (path.Any(directory => File.Exists(Path.Combine(directory, candidate))))
                return [candidate];
        }
        throw new SopsCommandException(SopsExitCodes.NoEditorFound, "no editor found", "set SOPS_EDITOR or EDITOR, or install vim or nano");
    }

    /// <summary>What a new file starts with, as sops offers an example to edit.</summary>
    private static byte[] Example(string format) => System.Text.Encoding.UTF8.GetBytes(format switch
    {
        "json" => "{\n\t\"example_key\": \"example_value\"\n}\n",
        "dotenv" => "# Add your secrets as KEY=VALUE lines\nexample_key=example_value\n",
        "binary" => "Replace this text with the file's content.\n",
        _ => "# Add your secrets here; they are encrypted when you save and close the editor.\nexample_key: example_value\n",
    });
}
