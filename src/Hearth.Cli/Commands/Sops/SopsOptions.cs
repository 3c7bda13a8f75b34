using System.CommandLine;
using Hearth.Secrets.Sops;

namespace Hearth.Cli.Commands.Sops;

/// <summary>The options sops users type, shared by the commands that take them.</summary>
internal sealed class SopsOptions
{
    public Option<bool> Encrypt { get; } = new("--encrypt", "-e") { Description = "Encrypt FILE (to stdout, or in place with -i)" };
    public Option<bool> Decrypt { get; } = new("--decrypt", "-d") { Description = "Decrypt FILE (to stdout, or in place with -i)" };
    public Option<bool> InPlace { get; } = new("--in-place", "-i") { Description = "Write the result back to FILE instead of stdout" };
    public Option<string?> Output { get; } = new("--output") { HelpName = "FILE", Description = "Write the result to this file instead of stdout" };
    public Option<string?> InputType { get; } = TypeOption("--input-type", "Format of FILE (default: from its extension)");
    public Option<string?> OutputType { get; } = TypeOption("--output-type", "Format of the result (default: FILE's format)");
    public Option<string?> Extract { get; } = new("--extract") { HelpName = "PATH", Description = "Decrypt only the value at this path, e.g. '[\"db\"][\"password\"]'" };
    public Option<bool> IgnoreMac { get; } = new("--ignore-mac") { Description = "Decrypt even when the integrity check (MAC) fails" };
    public Option<string[]> Age { get; } = new("--age", "-a") { HelpName = "RECIPIENT", Description = "age recipients to encrypt to (comma-separated or repeated); overrides .sops.yaml", };
    public Option<string[]> Pgp { get; } = new("--pgp", "-p") { HelpName = "FINGERPRINT", Description = "PGP fingerprints to encrypt to (comma-separated or repeated); overrides .sops.yaml" };
    public Option<string?> UnencryptedSuffix { get; } = new("--unencrypted-suffix") { HelpName = "SUFFIX", Description = "Leave values clear whose key (or a parent's) ends with this (default _unencrypted)" };
    public Option<string?> EncryptedSuffix { get; } = new("--encrypted-suffix") { HelpName = "SUFFIX", Description = "Encrypt only values whose key (or a parent's) ends with this" };
    public Option<string?> UnencryptedRegex { get; } = new("--unencrypted-regex") { HelpName = "REGEX", Description = "Leave values clear whose key (or a parent's) matches" };
    public Option<string?> EncryptedRegex { get; } = new("--encrypted-regex") { HelpName = "REGEX", Description = "Encrypt only values whose key (or a parent's) matches, e.g. '^(data|stringData)$'" };
    public Option<string?> UnencryptedCommentRegex { get; } = new("--unencrypted-comment-regex") { HelpName = "REGEX", Description = "Leave values clear that follow a comment matching this" };
    public Option<string?> EncryptedCommentRegex { get; } = new("--encrypted-comment-regex") { HelpName = "REGEX", Description = "Encrypt only values that follow a comment matching this" };
    public Option<bool> MacOnlyEncrypted { get; } = new("--mac-only-encrypted") { Description = "Let the MAC cover encrypted values only" };
    public Option<int> ShamirThreshold { get; } = new("--shamir-secret-sharing-threshold") { HelpName = "N", Description = "Key groups needed to decrypt (default: all)" };
    public Option<int?> Indent { get; } = new("--indent") { HelpName = "N", Description = "Indentation of YAML and JSON output" };

    private static Option<string?> TypeOption(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description };
        option.AcceptOnlyFromAmong(Secrets.SopsFiles.Formats);
        return option;
    }

    public void AddEncryptionOptionsTo(Command command)
    {
        foreach (var option in new Option[] { Age, Pgp, UnencryptedSuffix, EncryptedSuffix, UnencryptedRegex, EncryptedRegex,
                     UnencryptedCommentRegex, EncryptedCommentRegex, MacOnlyEncrypted, ShamirThreshold })
            command.Options.Add(option);
    }

    public SopsEncryptionRules Rules(ParseResult parse) => new(
        parse.GetValue(UnencryptedSuffix), parse.GetValue(EncryptedSuffix), parse.GetValue(UnencryptedRegex), parse.GetValue(EncryptedRegex),
        parse.GetValue(UnencryptedCommentRegex), parse.GetValue(EncryptedCommentRegex), parse.GetValue(MacOnlyEncrypted));

    /// <summary>Recipients given on the command line, each option comma-separated or repeated.</summary>
    public static IReadOnlyList<string> List(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0)];
}
