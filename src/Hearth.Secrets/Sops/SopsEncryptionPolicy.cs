using System.Text.RegularExpressions;

namespace Hearth.Secrets.Sops;

/// <summary>
/// Decides, from a file's rules, whether the value or comment at a place is encrypted: by the keys on its path
/// (suffixes, regexes: any key on the path counts) or by the comments that precede it.
/// </summary>
internal sealed class SopsEncryptionPolicy
{
    private readonly SopsEncryptionRules _rules;
    private readonly Regex? _unencryptedRegex;
    private readonly Regex? _encryptedRegex;
    private readonly Regex? _unencryptedCommentRegex;
    private readonly Regex? _encryptedCommentRegex;

    public SopsEncryptionPolicy(SopsEncryptionRules rules)
    {
        _rules = rules;
        _unencryptedRegex = Compile(rules.UnencryptedRegex);
        _encryptedRegex = Compile(rules.EncryptedRegex);
        _unencryptedCommentRegex = Compile(rules.UnencryptedCommentRegex);
        _encryptedCommentRegex = Compile(rules.EncryptedCommentRegex);
    }

    public bool MacOnlyEncrypted => _rules.MacOnlyEncrypted;

    /// <param name="path">The map keys from the root to the value.</param>
    /// <param name="precedingComments">The comments before the value at its level and every enclosing one.</param>
    public bool ShouldEncrypt(IReadOnlyList<string> path, IEnumerable<string> precedingComments)
    {
        if (!ByPath(path))
            return false;
        if (_unencryptedCommentRegex is { } clear && precedingComments.Any(clear.IsMatch))
            return false;
        if (_encryptedCommentRegex is { } encrypted)
            return precedingComments.Any(encrypted.IsMatch);
        return true;
    }

    /// <summary>A comment follows its place's rules, except that a comment matching a comment regex stays readable.</summary>
    public bool ShouldEncryptComment(IReadOnlyList<string> path, string comment, IEnumerable<string> precedingComments)
    {
        if (_unencryptedCommentRegex?.IsMatch(comment) == true || _encryptedCommentRegex?.IsMatch(comment) == true)
            return false;
        return ShouldEncrypt(path, precedingComments);
    }

    private bool ByPath(IReadOnlyList<string> path)
    {
        if (_rules.UnencryptedSuffix is { Length: > 0 } clearSuffix && path.Any(k => k.EndsWith(clearSuffix, StringComparison.Ordinal)))
            return false;
        if (_rules.EncryptedSuffix is { Length: > 0 } suffix && !path.Any(k => k.EndsWith(suffix, StringComparison.Ordinal)))
            return false;
        if (_unencryptedRegex is { } clear && path.Any(clear.IsMatch))
            return false;
        if (_encryptedRegex is { } encrypted && !path.Any(encrypted.IsMatch))
            return false;
        return true;
    }

    private static Regex? Compile(string? pattern) =>
        string.IsNullOrEmpty(pattern) ? null : new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
