using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hearth.Secrets.Config;

/// <summary>
/// Reads <c>.sops.yaml</c> through YamlDotNet's representation model, which keeps each node's line and column,
/// and checks it more strictly than sops does: a misspelt key in a rule would otherwise silently drop a
/// recipient or an encryption selector. Every problem is collected, then all are thrown together.
/// </summary>
/// <remarks>
/// Top-level keys other than <c>creation_rules</c> and <c>stores</c> are left alone: <c>destination_rules</c>
/// belongs to <c>sops publish</c>, and configs commonly keep YAML anchors for their keys under a key of their own.
/// </remarks>
internal sealed partial class SopsConfigReader
{
    private static readonly string[] TopLevelKeys = ["creation_rules", "destination_rules", "stores"];
    private static readonly string[] StoreKeys = ["yaml", "json", "json_binary", "dotenv", "ini"];
    private static readonly string[] IndentKeys = ["indent"];

    private readonly string _path;
    private readonly List<SopsConfigProblem> _problems = [];
    private readonly List<SopsCreationRule> _rules = [];
    private readonly List<Regex?> _patterns = [];
    private SopsStoreSettings _stores = SopsStoreSettings.Default;

    private SopsConfigReader(string path) => _path = path;

    /// <param name="path">The file's path, as it should appear in messages.</param>
    /// <exception cref="SecretsException">Every problem found (<see cref="SecretsFailure.InvalidConfig"/>).</exception>
    public static SopsConfigFile Read(string text, string path)
    {
        var reader = new SopsConfigReader(path);
        reader.ReadDocument(text);
        reader.ThrowIfAnyProblem();
        return new SopsConfigFile(path, reader._rules, reader._patterns, reader._stores);
    }

    private void ReadDocument(string text)
    {
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            // The merging parser resolves `<<: *anchor`, which sops's YAML library honours too.
            stream.Load(new MergingParser(new Parser(new StringReader(text))));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            Report(e.Start, $"not valid YAML: {YamlReason(e)}", "fix the YAML syntax there");
            return;
        }
        if (root is null || IsNull(root))
            return;
        if (root is not YamlMappingNode top)
        {
            Report(root.Start, "the file must be a mapping with a `creation_rules` list", "start it with `creation_rules:`");
            return;
        }
        foreach (var (keyNode, value) in top.Children)
        {
            var key = KeyName(keyNode);
            switch (key)
            {
                case "creation_rules":
                    ReadRules(value);
                    break;
                case "stores":
                    ReadStores(value);
                    break;
                default:
                    // Only a near miss of a known key is reported; anything else may be an anchor holder.
                    if (!TopLevelKeys.Contains(key) && KeyNameSuggestion.Closest(key, TopLevelKeys) is { } suggestion)
                        Report(keyNode.Start, $"unknown top-level key `{key}`", $"did you mean `{suggestion}`?");
                    break;
            }
        }
    }

    private void ReadStores(YamlNode node)
    {
        if (IsNull(node))
            return;
        if (node is not YamlMappingNode map)
        {
            Report(node.Start, "`stores` must be a mapping", "write it as `stores: {yaml: {indent: 2}}`");
            return;
        }
        foreach (var (keyNode, value) in map.Children)
        {
            var key = KeyName(keyNode);
            switch (key)
            {
                // sops treats YAML indent 0 and JSON indent -1 as "the default"; both become null here.
                case "yaml":
                    _stores = _stores with { YamlIndent = ReadIndent(value, key, minimum: 0) is int yaml and not 0 ? yaml : null };
                    break;
                case "json":
                    _stores = _stores with { JsonIndent = ReadIndent(value, key, minimum: -1) is int json and not -1 ? json : null };
                    break;
                case "json_binary":
                    _stores = _stores with { JsonBinaryIndent = ReadIndent(value, key, minimum: -1) is int binary and not -1 ? binary : null };
                    break;
                case "dotenv" or "ini":
                    ReadIndent(value, key, minimum: null);
                    break;
                default:
                    ReportUnknownKey(keyNode, key, StoreKeys, "`stores`");
                    break;
            }
        }
    }

    /// <summary>A store section's <c>indent</c>; <paramref name="minimum"/> null means the store takes no settings.</summary>
    private int? ReadIndent(YamlNode node, string store, int? minimum)
    {
        if (IsNull(node))
            return null;
        if (node is not YamlMappingNode map)
        {
            Report(node.Start, $"`stores.{store}` must be a mapping", minimum is null ? $"write `{store}: {{}}` or remove it" : $"write it as `{store}: {{indent: 2}}`");
            return null;
        }
        int? indent = null;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = KeyName(keyNode);
            if (key != "indent" || minimum is null)
            {
                ReportUnknownKey(keyNode, key, minimum is null ? [] : IndentKeys, $"`stores.{store}`");
                continue;
            }
            indent = ReadInt(value, "indent");
            if (indent < minimum)
            {
                Report(value.Start, $"`indent` in `stores.{store}` is {indent}; it must be {minimum} or more", "use a number of spaces");
                indent = null;
            }
        }
        return indent;
    }

    private void ReportUnknownKey(YamlNode keyNode, string key, IReadOnlyList<string> known, string where)
    {
        if (known.Count == 0)
            Report(keyNode.Start, $"unknown key `{key}` in {where}, which takes no settings", "remove it");
        else
            Report(keyNode.Start, $"unknown key `{key}` in {where}", KeyNameSuggestion.Hint(key, known));
    }

    private void Report(Mark start, string message, string? hint) => _problems.Add(new SopsConfigProblem(start, message, hint));

    private string Location(Mark mark) => $"{_path}:{mark.Line}:{mark.Column}";

    private void ThrowIfAnyProblem()
    {
        if (_problems.Count == 0)
            return;
        var ordered = _problems.OrderBy(p => p.Start.Line).ThenBy(p => p.Start.Column).ToList();
        if (ordered.Count == 1)
            throw new SecretsException(SecretsFailure.InvalidConfig, $"{Location(ordered[0].Start)}: {ordered[0].Message}", ordered[0].Hint);
        var lines = ordered.Select(p => $"{Location(p.Start)}: {p.Message}" + (p.Hint is null ? "" : $" ({p.Hint})"));
        throw new SecretsException(SecretsFailure.InvalidConfig, string.Join('\n', lines), $"fix these {ordered.Count} problems in {_path}");
    }

    /// <summary>YamlDotNet prefixes its messages with both marks; the location is already in ours.</summary>
    private static string YamlReason(YamlException e)
    {
        var separator = e.Message.IndexOf("): ", StringComparison.Ordinal);
        return separator < 0 ? e.Message : e.Message[(separator + 3)..];
    }
}
