using System.CommandLine;
using Hearth.Secrets.Config;
using Hearth.Secrets.Sops;

namespace Hearth.Cli.Commands.Sops;

/// <summary>
/// <c>updatekeys FILE</c> re-encrypts the data key for the recipients .sops.yaml now names (values untouched);
/// <c>rotate FILE</c> makes a new data key and re-encrypts every value, optionally adding or removing recipients.
/// </summary>
internal static class SopsKeyCommands
{
    public static Command CreateUpdateKeys(SopsActions actions, SopsOptions options)
    {
        var file = new Argument<string>("FILE") { Description = "The SOPS file" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Apply the change without asking" };
        var command = new Command("updatekeys", "Re-encrypt FILE's data key for the recipients .sops.yaml names now, showing the change and asking first");
        command.Arguments.Add(file);
        command.Options.Add(yes);
        command.Options.Add(options.InputType);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var (store, parsed) = context.Read(path, parse.GetValue(options.InputType));
            var config = SopsCreation.Config(context)
                ?? throw new SopsCommandException(SopsExitCodes.ErrorReadingConfig, $"no {SopsConfigFile.FileName} found", "updatekeys reads the recipients from .sops.yaml");
            var rule = config.RuleFor(context.FullPath(path));
            var wanted = SopsRecipients.ForFile(context.FullPath(path), SopsRecipientOptions.None, config);
            var (document, opened) = await context.OpenAsync(parsed, path, ignoreMac: false, cancellationToken);
            var current = Groups(document.Metadata, path);
            var changes = Describe(current, wanted);
            if (changes.Count == 0 && rule.ShamirThreshold == document.Metadata.ShamirThreshold)
            {
                context.Terminal.Line($"{path} is already up to date");
                return 0;
            }
            context.Terminal.Line($"The following changes will be made to {path}'s key groups:");
            foreach (var line in changes)
                context.Terminal.Line(line);
            if (!parse.GetValue(yes) && !context.Environment.InputIsTerminal)
                throw new SopsCommandException(SopsExitCodes.Generic, "updatekeys needs confirmation and there is no terminal to ask on", "pass -y to apply the change");
            if (!parse.GetValue(yes) && context.Terminal.Ask("Is this okay? (y/n) ")?.Trim() is not ("y" or "yes"))
            {
                context.Terminal.Line("Changes not applied.");
                return SopsExitCodes.Generic;
            }
            var keys = await context.KeysAsync(cancellationToken);
            var metadata = document.Metadata with
            {
                KeyGroups = keys.Protect(opened.DataKey, wanted, rule.ShamirThreshold, cancellationToken),
                ShamirThreshold = wanted.Count > 1 ? rule.ShamirThreshold : 0,
            };
            var encrypted = SopsEncryptor.Encrypt(opened.Documents, opened.DataKey, metadata, DateTimeOffset.UtcNow, opened.IvStash);
            await context.WriteAsync(store.Write(encrypted.Documents, encrypted.Metadata.ToTree()), path, inPlace: true, output: null, cancellationToken);
            context.Terminal.Line($"Updated the keys of {path}.");
            return 0;
        });
        return command;
    }

    public static Command CreateRotate(SopsActions actions, SopsOptions options)
    {
        var file = new Argument<string>("FILE") { Description = "The SOPS file" };
        var addAge = new Option<string[]>("--add-age") { Description = "age recipients to add" };
        var removeAge = new Option<string[]>("--rm-age") { Description = "age recipients to remove" };
        var addPgp = new Option<string[]>("--add-pgp") { Description = "PGP fingerprints to add" };
        var removePgp = new Option<string[]>("--rm-pgp") { Description = "PGP fingerprints to remove" };
        var command = new Command("rotate", "Generate a new data key and re-encrypt every value (to stdout, or in place with -i)");
        command.Arguments.Add(file);
        foreach (var option in new Option[] { options.InPlace, options.Output, addAge, removeAge, addPgp, removePgp, options.InputType, options.OutputType })
            command.Options.Add(option);
        actions.Bind(command, async (parse, context, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var (store, parsed) = context.Read(path, parse.GetValue(options.InputType));
            var (document, opened) = await context.OpenAsync(parsed, path, ignoreMac: false, cancellationToken);
            static string Fingerprint(string f) => f.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            var added = (Age: SopsOptions.List(parse.GetValue(addAge)), Pgp: SopsOptions.List(parse.GetValue(addPgp)).Select(Fingerprint).ToList());
            var removed = (Age: SopsOptions.List(parse.GetValue(removeAge)).ToHashSet(StringComparer.Ordinal),
                Pgp: SopsOptions.List(parse.GetValue(removePgp)).Select(Fingerprint).ToHashSet(StringComparer.Ordinal));
            var groups = Groups(document.Metadata, path)
                .Select((g, i) => new SopsKeyGroup(
                    [.. g.AgeRecipients.Where(r => !removed.Age.Contains(r)).Concat(i == 0 ? added.Age : []).Distinct(StringComparer.Ordinal)],
                    [.. g.PgpFingerprints.Select(Fingerprint).Where(f => !removed.Pgp.Contains(f)).Concat(i == 0 ? added.Pgp : []).Distinct(StringComparer.Ordinal)]))
                .ToList();
            var keys = await context.KeysAsync(cancellationToken);
            var dataKey = SopsDataKey.Generate();
            var metadata = document.Metadata with { KeyGroups = keys.Protect(dataKey, groups, document.Metadata.ShamirThreshold, cancellationToken) };
            var encrypted = SopsEncryptor.Encrypt(opened.Documents, dataKey, metadata, DateTimeOffset.UtcNow);
            var output = parse.GetValue(options.OutputType) is { } type ? context.Store(type, null) : store;
            await context.WriteAsync(SopsContext.Write(output, encrypted.Documents, encrypted.Metadata.ToTree()), path, parse.GetValue(options.InPlace), parse.GetValue(options.Output), cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>The file's key groups as recipients; keys of kinds hearth cannot encrypt to are refused rather than dropped.</summary>
    private static List<SopsKeyGroup> Groups(SopsMetadata metadata, string path)
    {
        if (metadata.KeyGroups.Any(g => g.Other.Any(o => o.Value is SopsList { Items.Count: > 0 })))
            throw new SopsCommandException(SopsExitCodes.Generic, $"{path} also has cloud KMS or Vault keys, which hearth cannot encrypt to",
                "change its keys with sops, so their holders keep access");
        return [.. metadata.KeyGroups.Select(g => new SopsKeyGroup([.. g.Age.Select(a => a.Recipient)], [.. g.Pgp.Select(p => p.Fingerprint)]))];
    }

    private static List<string> Describe(IReadOnlyList<SopsKeyGroup> current, IReadOnlyList<SopsKeyGroup> wanted)
    {
        var lines = new List<string>();
        for (var i = 0; i < Math.Max(current.Count, wanted.Count); i++)
        {
            var before = i < current.Count ? current[i].AgeRecipients.Concat(current[i].PgpFingerprints).ToList() : [];
            var after = i < wanted.Count ? wanted[i].AgeRecipients.Concat(wanted[i].PgpFingerprints).ToList() : [];
            var group = new List<string>();
            group.AddRange(after.Except(before).Select(k => $"+++ {k}"));
            group.AddRange(before.Except(after).Select(k => $"--- {k}"));
            if (group.Count == 0)
                continue;
            lines.Add($"Group {i + 1}");
            lines.AddRange(before.Intersect(after).Select(k => $"    {k}"));
            lines.AddRange(group);
        }
        return lines;
    }
}
