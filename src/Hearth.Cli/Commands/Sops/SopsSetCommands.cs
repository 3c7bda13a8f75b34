using System.CommandLine;
using System.Text.Json;
using Hearth.Secrets;
using Hearth.Secrets.Sops;

namespace Hearth.Cli.Commands.Sops;

/// <summary>
/// <c>set FILE PATH VALUE</c> and <c>unset FILE PATH</c>: change one value of an encrypted file in place without
/// opening an editor. VALUE is JSON (<c>'"text"'</c>, <c>42</c>, <c>{"a":true}</c>); the other values keep their
/// ciphertext.
/// </summary>
internal static class SopsSetCommands
{
    public static Command CreateSet(SopsActions actions, SopsOptions options)
    {
        var file = new Argument<string>("FILE") { Description = "The SOPS file" };
        var path = new Argument<string>("PATH") { Description = "Where, e.g. '[\"db\"][\"password\"]'" };
        var value = new Argument<string?>("VALUE") { Description = "The value as JSON, e.g. '\"secret\"'", Arity = ArgumentArity.ZeroOrOne };
        var valueFile = new Option<string?>("--value-file") { Description = "Read VALUE from this file" };
        var valueStdin = new Option<bool>("--value-stdin") { Description = "Read VALUE from standard input" };
        var idempotent = new Option<bool>("--idempotent") { Description = "Do not rewrite the file when the value is already set" };
        var command = new Command("set", "Set one value in an encrypted file, in place");
        foreach (var argument in new Argument[] { file, path, value })
            command.Arguments.Add(argument);
        foreach (var option in new Option[] { valueFile, valueStdin, idempotent, options.InputType, options.IgnoreMac })
            command.Options.Add(option);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var json = parse.GetValue(valueStdin) ? await context.Environment.Input.ReadToEndAsync(cancellationToken)
                : parse.GetValue(valueFile) is { } source ? await File.ReadAllTextAsync(context.FullPath(source), cancellationToken)
                : parse.GetValue(value) ?? throw new SopsCommandException(SopsExitCodes.InvalidSetFormat, "no value given", "pass VALUE as JSON, --value-file or --value-stdin");
            var node = Parse(json);
            var treePath = SopsTreePath.Parse(parse.GetValue(path)!);
            return await RewriteAsync(parse, context, options, parse.GetValue(file)!, parse.GetValue(idempotent), treePath,
                document => IsSet(treePath, document, node) ? null : treePath.Set(document, node), cancellationToken);
        });
        return command;
    }

    public static Command CreateUnset(SopsActions actions, SopsOptions options)
    {
        var file = new Argument<string>("FILE") { Description = "The SOPS file" };
        var path = new Argument<string>("PATH") { Description = "What to remove, e.g. '[\"db\"][\"password\"]'" };
        var idempotent = new Option<bool>("--idempotent") { Description = "Succeed without a change when the value is not there" };
        var command = new Command("unset", "Remove one value from an encrypted file, in place");
        command.Arguments.Add(file);
        command.Arguments.Add(path);
        command.Options.Add(idempotent);
        command.Options.Add(options.InputType);
        command.Options.Add(options.IgnoreMac);
        actions.Bind(command, (parse, context, cancellationToken) =>
        {
            var treePath = SopsTreePath.Parse(parse.GetValue(path)!);
            return RewriteAsync(parse, context, options, parse.GetValue(file)!, parse.GetValue(idempotent), treePath,
                document => IsPresent(treePath, document) ? treePath.Unset(document) : null, cancellationToken);
        });
        return command;
    }

    /// <param name="change">The new first document, or null when the file already says what was asked.</param>
    private static async Task<int> RewriteAsync(ParseResult parse, SopsContext context, SopsOptions options, string file, bool idempotent,
        SopsTreePath treePath, Func<SopsMap, SopsMap?> change, CancellationToken cancellationToken)
    {
        var (store, parsed) = context.Read(file, parse.GetValue(options.InputType));
        var (document, opened) = await context.OpenAsync(parsed, file, parse.GetValue(options.IgnoreMac), cancellationToken);
        var changed = change(opened.Documents[0]);
        if (changed is null)
        {
            if (idempotent)
                return 0;
            if (!IsPresent(treePath, opened.Documents[0]))
                throw new SecretsException(SecretsFailure.KeyNotFound, $"{file} has nothing at {treePath}", "pass --idempotent to accept that");
            changed = opened.Documents[0]; // set with the same value: rewritten as sops does.
        }
        var encrypted = SopsEncryptor.Encrypt([changed, .. opened.Documents.Skip(1)], opened.DataKey, document.Metadata, DateTimeOffset.UtcNow, opened.IvStash);
        await context.WriteAsync(store.Write(encrypted.Documents, encrypted.Metadata.ToTree()), file, inPlace: true, output: null, cancellationToken);
        return 0;
    }

    private static bool IsPresent(SopsTreePath path, SopsMap document)
    {
        try
        {
            path.Find(document);
            return true;
        }
        catch (SecretsException)
        {
            return false;
        }
    }

    private static bool IsSet(SopsTreePath path, SopsMap document, SopsNode value) =>
        IsPresent(path, document) && SopsNodeJson.Equal(path.Find(document), value);

    private static SopsNode Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return SopsNodeJson.From(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new SopsCommandException(SopsExitCodes.InvalidSetFormat, $"the value is not valid JSON: {e.Message}", "quote strings: hearth sops set FILE '[\"key\"]' '\"value\"'");
        }
    }
}
