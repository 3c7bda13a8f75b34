using System.Text.RegularExpressions;

namespace Hearth.Secrets.Sops;

/// <summary>
/// Which values of a file are encrypted: at most one of the six selectors (none means
/// <c>unencrypted_suffix: _unencrypted</c>), and whether the MAC covers only encrypted values. Written into
/// the file's metadata, so every later edit encrypts the same way.
/// </summary>
public sealed record SopsEncryptionRules(
    string? UnencryptedSuffix = null,
    string? EncryptedSuffix = null,
    string? UnencryptedRegex = null,
    string? EncryptedRegex = null,
    string? UnencryptedCommentRegex = null,
    string? EncryptedCommentRegex = null,
    bool MacOnlyEncrypted = false)
{
    public const string DefaultUnencryptedSuffix = "_unencrypted";

    /// <summary>The rules with the default filled in when no selector is set, as sops reads a file's and applies options.</summary>
    /// <param name="source">Where the rules come from, for messages: the options, or the file whose metadata holds them.</param>
    /// <param name="failure">What a conflict or a bad regex is: bad options by default, a damaged file when read from one.</param>
    /// <exception cref="SecretsException">More than one selector is set, or a regex does not parse.</exception>
    public SopsEncryptionRules Normalized(string source, SecretsFailure failure = SecretsFailure.InvalidConfig)
    {
        var set = new[] { UnencryptedSuffix, EncryptedSuffix, UnencryptedRegex, EncryptedRegex, UnencryptedCommentRegex, EncryptedCommentRegex }
            .Count(s => !string.IsNullOrEmpty(s));
        if (set > 1)
            throw new SecretsException(failure,
                $"{source}: only one of unencrypted_suffix, encrypted_suffix, unencrypted_regex, encrypted_regex, unencrypted_comment_regex and encrypted_comment_regex may be set",
                "keep the one that says what you mean and remove the others");
        foreach (var pattern in new[] { UnencryptedRegex, EncryptedRegex, UnencryptedCommentRegex, EncryptedCommentRegex })
        {
            if (string.IsNullOrEmpty(pattern))
                continue;
            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant);
            }
            catch (ArgumentException e)
            {
                throw new SecretsException(failure, $"{source}: `{pattern}` is not a valid regular expression: {e.Message}", null, e);
            }
        }
        return set == 0 ? this with { UnencryptedSuffix = DefaultUnencryptedSuffix } : this;
    }
}
