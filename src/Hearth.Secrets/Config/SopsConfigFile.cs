using System.Text.RegularExpressions;

namespace Hearth.Secrets.Config;

/// <summary>
/// A <c>.sops.yaml</c>: the creation rules that give new files their keys and encryption rules, and the stores'
/// indentation. Found and matched as sops does, so both tools encrypt a file the same way.
/// </summary>
public sealed class SopsConfigFile
{
    public const string FileName = ".sops.yaml";

    /// <summary>The name sops passes over with a warning; we do the same so both tools pick the same file.</summary>
    public const string IgnoredFileName = ".sops.yml";

    /// <summary>How many directories sops looks at, the start included.</summary>
    private const int MaxDepth = 100;

    private readonly IReadOnlyList<Regex?> _patterns;

    internal SopsConfigFile(string path, IReadOnlyList<SopsCreationRule> creationRules, IReadOnlyList<Regex?> patterns, SopsStoreSettings stores)
    {
        Path = System.IO.Path.GetFullPath(path);
        CreationRules = creationRules;
        _patterns = patterns;
        Stores = stores;
    }

    /// <summary>The absolute path of the file.</summary>
    public string Path { get; }

    /// <summary>The rules in file order; the first that matches a file is used.</summary>
    public IReadOnlyList<SopsCreationRule> CreationRules { get; }

    public SopsStoreSettings Stores { get; }

    /// <summary>
    /// Looks for <c>.sops.yaml</c> in <paramref name="startDirectory"/> and its parents (100 levels at most).
    /// A <c>.sops.yml</c> is not used; passing one yields a warning for the user.
    /// </summary>
    public static SopsConfigLookup Find(string startDirectory)
    {
        string? directory = System.IO.Path.GetFullPath(startDirectory);
        string? passedOver = null;
        for (var level = 0; level < MaxDepth && directory is not null; level++)
        {
            var candidate = System.IO.Path.Combine(directory, FileName);
            // Like sops's stat, anything by that name counts; Load says so if it is not a readable file.
            if (System.IO.Path.Exists(candidate))
            {
                return new SopsConfigLookup(candidate, passedOver is null ? null
                    : $"ignoring \"{passedOver}\" when searching for config file; the config file must be called \"{FileName}\"; using \"{candidate}\" instead");
            }
            if (passedOver is null && System.IO.Path.Exists(System.IO.Path.Combine(directory, IgnoredFileName)))
                passedOver = System.IO.Path.Combine(directory, IgnoredFileName);
            directory = System.IO.Path.GetDirectoryName(directory);
        }
        return new SopsConfigLookup(null, passedOver is null ? null
            : $"ignoring \"{passedOver}\" when searching for config file; the config file must be called \"{FileName}\"");
    }

    /// <summary>Reads and checks the file at <paramref name="path"/>.</summary>
    /// <exception cref="SecretsException">
    /// <see cref="SecretsFailure.InvalidConfig"/>: the file cannot be read, or has problems; each is reported as
    /// <c>path:line:column: what is wrong</c>, all of them at once.
    /// </exception>
    public static SopsConfigFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretsException(SecretsFailure.InvalidConfig, $"cannot read {path}: {e.Message}", "check that the file exists and is readable", e);
        }
        return SopsConfigReader.Read(text, path);
    }

    /// <summary>
    /// The first rule matching <paramref name="filePath"/>: a rule without <c>path_regex</c> matches every file;
    /// otherwise the pattern must match somewhere in the path made absolute, less this file's directory and a
    /// separator when it starts with them.
    /// </summary>
    /// <exception cref="SecretsException"><see cref="SecretsFailure.InvalidConfig"/>: no rule matches.</exception>
    public SopsCreationRule RuleFor(string filePath)
    {
        var matched = MatchedPath(filePath);
        for (var i = 0; i < CreationRules.Count; i++)
        {
            if (_patterns[i] is not { } pattern || pattern.IsMatch(matched))
                return CreationRules[i];
        }
        throw new SecretsException(SecretsFailure.InvalidConfig, $"no creation rule in {Path} matches {filePath}",
            CreationRules.Count == 0
                ? "add a `creation_rules` list with a rule for it"
                : $"add a rule whose path_regex matches `{matched}`, or a last rule without path_regex for every other file");
    }

    /// <summary>The text path_regex is matched against, as sops makes it.</summary>
    internal string MatchedPath(string filePath)
    {
        var absolute = System.IO.Path.GetFullPath(filePath);
        var prefix = System.IO.Path.GetDirectoryName(Path) + System.IO.Path.DirectorySeparatorChar;
        return absolute.StartsWith(prefix, StringComparison.Ordinal) ? absolute[prefix.Length..] : absolute;
    }
}
