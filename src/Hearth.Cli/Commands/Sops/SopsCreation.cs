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
        var rules = options.HasRuleOptions(parse) ? options.Rules(parse) : rule?.Rules ?? new SopsEncryptionRules();
        var threshold = parse.GetValue(options.ShamirThreshold) is > 0 and var t ? t : rule?.ShamirThreshold ?? 0;
        return new SopsCreation(groups, threshold, rules);
    }

    /// <summary>The .sops.yaml in effect: SOPS_CONFIG, else the nearest one up from the working directory.</summary>
    public static SopsConfigFile? Config(SopsContext context)
    {
        if (context.Environment.Variable("SOPS_CONFIG") is { Length: > 0 } explicitPath)
            return SopsConfigFile.Load(context.FullPath(explicitPath));
        var lookup = SopsConfigFile.Find(context.Environment.WorkingDirectory);
        if (lookup.Warning is { } warning)
            context.Terminal.ErrorLine("Warning: " + warning, Rendering.Styles.Warning);
        return lookup.Found ? SopsConfigFile.Load(lookup.Path!) : null;
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
