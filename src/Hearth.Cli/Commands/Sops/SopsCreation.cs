using System.CommandLine;
using Hearth.Secrets.Config;
using Hearth.Secrets.Sops;

namespace Hearth.Cli.Commands.Sops;

/// <summary>
/// How a new file is encrypted, chosen as sops chooses: recipients from --age/--pgp (or SOPS_AGE_RECIPIENTS,
/// SOPS_PGP_FP) alone, else the first creation rule of the nearest .sops.yaml that matches the file; rule options
/// given on the command line win over the rule's.
/// </summary>
internal sealed record SopsCreation(IReadOnlyList<SopsKeyGroup> Groups, int Threshold, SopsEncryptionRules Rules)
{
    public static SopsCreation For(ParseResult parse, SopsContext context, SopsOptions options, string path)
    {
        var fullPath = context.FullPath(path);
        var config = Config(context);
        var commandLine = new SopsRecipientOptions(SopsOptions.List(parse.GetValue(options.Age)), SopsOptions.List(parse.GetValue(options.Pgp)),
            context.Environment.Variable("SOPS_AGE_RECIPIENTS"), context.Environment.Variable("SOPS_PGP_FP"));
        var groups = SopsRecipients.ForFile(fullPath, commandLine, config);
        var rule = config is null ? null : TryRule(config, fullPath);
        // A selector given on the command line replaces the rule's; --mac-only-encrypted adds to whichever applies.
        var given = options.Rules(parse);
        var rules = (given with { MacOnlyEncrypted = false }) != new SopsEncryptionRules() ? given : rule?.Rules ?? new SopsEncryptionRules();
        if (given.MacOnlyEncrypted)
            rules = rules with { MacOnlyEncrypted = true };
        var threshold = parse.GetValue(options.ShamirThreshold) is > 0 and var t ? t : rule?.ShamirThreshold ?? 0;
        return new SopsCreation(groups, threshold, rules);
    }

    /// <summary>The .sops.yaml in effect: SOPS_CONFIG, else the nearest one up from the working (or --lab) directory.</summary>
    public static SopsConfigFile? Config(SopsContext context)
    {
        if (context.Environment.Variable("SOPS_CONFIG") is { Length: > 0 } explicitPath)
            return SopsConfigFile.Load(context.FullPath(explicitPath));
        var lookup = SopsConfigFile.Find(context.BaseDirectory);
        if (lookup.Warning is { } warning)
            context.Terminal.ErrorLine("Warning: " + warning, Rendering.Styles.Warning);
        return lookup.Found ? SopsConfigFile.Load(lookup.Path!) : null;
    }

    /// <summary>The .sops.yaml in effect for settings that are only preferences (indents): a broken one is reported when keys are read from it.</summary>
    public static SopsConfigFile? ConfigQuietly(SopsContext context)
    {
        try
        {
            var explicitPath = context.Environment.Variable("SOPS_CONFIG");
            var path = explicitPath is { Length: > 0 } ? context.FullPath(explicitPath) : SopsConfigFile.Find(context.BaseDirectory).Path;
            return path is null ? null : SopsConfigFile.Load(path);
        }
        catch (Secrets.SecretsException)
        {
            return null;
        }
    }

    private static SopsCreationRule? TryRule(SopsConfigFile config, string fullPath)
    {
        try
        {
            return config.RuleFor(fullPath);
        }
        catch (Secrets.SecretsException)
        {
            return null; // Keys came from the command line; no rule needs to match.
        }
    }
}
