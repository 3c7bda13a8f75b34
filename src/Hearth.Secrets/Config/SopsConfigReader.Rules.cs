using System.Text.RegularExpressions;
using Hearth.Secrets.Sops;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hearth.Secrets.Config;

internal sealed partial class SopsConfigReader
{
    private static readonly string[] Selectors =
        ["unencrypted_suffix", "encrypted_suffix", "unencrypted_regex", "encrypted_regex", "unencrypted_comment_regex", "encrypted_comment_regex"];

    private static readonly string[] RuleKeys =
    [
        "path_regex", "age", "pgp", "kms", "gcp_kms", "azure_keyvault", "hc_vault_transit_uri", "hckms", "aws_profile",
        "key_groups", "shamir_threshold", .. Selectors, "mac_only_encrypted",
    ];

    private static readonly string[] KeyGroupKeys = ["age", "pgp", "kms", "gcp_kms", "azure_keyvault", "hc_vault", "hckms", "merge"];

    /// <summary>Deeper <c>merge</c> nesting than anyone writes; it stops a self-referencing alias.</summary>
    private const int MaxMergeDepth = 16;

    private void ReadRules(YamlNode node)
    {
        if (IsNull(node))
            return;
        if (node is not YamlSequenceNode list)
        {
            Report(node.Start, "`creation_rules` must be a list of rules", "write each rule as a `- path_regex: …` item");
            return;
        }
        foreach (var item in list.Children)
            ReadRule(item);
    }

    private void ReadRule(YamlNode node)
    {
        var origin = Location(node.Start);
        if (IsNull(node))
        {
            // An empty item is a rule without path_regex or keys, as sops reads it.
            Add(new SopsCreationRule(null, [], 0, new SopsEncryptionRules(), []) { Origin = origin }, null);
            return;
        }
        if (node is not YamlMappingNode map)
        {
            Report(node.Start, "a creation rule must be a mapping", "write it as `- path_regex: …` followed by its keys");
            return;
        }
        string? pathRegex = null;
        Regex? pattern = null;
        List<string> age = [], pgp = [], flatUnsupported = [], groupUnsupported = [];
        List<SopsKeyGroup>? groups = null;
        (int Value, Mark At)? threshold = null;
        var selectors = new Dictionary<string, string>(StringComparer.Ordinal);
        (string Key, Mark At)? firstSelector = null;
        var macOnlyEncrypted = false;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = KeyName(keyNode);
            switch (key)
            {
                case "path_regex":
                    pathRegex = ReadString(value, key);
                    pattern = string.IsNullOrEmpty(pathRegex) ? null : CompileRegex(pathRegex, value, key);
                    break;
                case "age":
                    age.AddRange(ReadKeyList(value, key, allowCommaString: true));
                    break;
                case "pgp":
                    pgp.AddRange(ReadKeyList(value, key, allowCommaString: true).Select(PgpFingerprint.Normalize));
                    break;
                case "kms" or "gcp_kms" or "azure_keyvault" or "hc_vault_transit_uri" or "hckms":
                    if (ReadKeyList(value, key, allowCommaString: true).Count > 0)
                        AddOnce(flatUnsupported, key);
                    break;
                case "aws_profile":
                    ReadString(value, key);
                    break;
                case "key_groups":
                    groups = ReadKeyGroups(value, groupUnsupported);
                    break;
                case "shamir_threshold":
                    threshold = ReadInt(value, key) is int t ? (t, value.Start) : null;
                    break;
                case "mac_only_encrypted":
                    macOnlyEncrypted = ReadBool(value, key) ?? false;
                    break;
                case var _ when Selectors.Contains(key):
                    var selector = ReadString(value, key);
                    if (string.IsNullOrEmpty(selector))
                        break;
                    if (key.EndsWith("_regex", StringComparison.Ordinal))
                        CompileRegex(selector, value, key);
                    selectors[key] = selector;
                    if (firstSelector is { } first)
                        Report(keyNode.Start, $"`{key}` cannot be combined with `{first.Key}` (line {first.At.Line}) in one creation rule",
                            $"keep one of {string.Join(", ", Selectors)}");
                    else
                        firstSelector = (key, keyNode.Start);
                    break;
                default:
                    ReportUnknownKey(keyNode, key, RuleKeys, "a creation rule");
                    break;
            }
        }

        // As in sops, a non-empty key_groups replaces the flat key fields entirely.
        var useGroups = groups is { Count: > 0 };
        IReadOnlyList<SopsKeyGroup> keyGroups = useGroups ? groups!
            : age.Count + pgp.Count > 0 ? [new SopsKeyGroup([.. age.Distinct(StringComparer.Ordinal)], [.. pgp.Distinct(StringComparer.Ordinal)])]
            : [];
        if (threshold is { } shamir)
            CheckThreshold(shamir.Value, shamir.At, useGroups ? groups!.Count : 1);
        var rules = new SopsEncryptionRules(
            selectors.GetValueOrDefault("unencrypted_suffix"), selectors.GetValueOrDefault("encrypted_suffix"),
            selectors.GetValueOrDefault("unencrypted_regex"), selectors.GetValueOrDefault("encrypted_regex"),
            selectors.GetValueOrDefault("unencrypted_comment_regex"), selectors.GetValueOrDefault("encrypted_comment_regex"),
            macOnlyEncrypted);
        var unsupported = useGroups ? groupUnsupported : flatUnsupported;
        Add(new SopsCreationRule(string.IsNullOrEmpty(pathRegex) ? null : pathRegex, keyGroups, threshold?.Value ?? 0, rules, unsupported)
        {
            Origin = origin,
        }, pattern);
    }

    private void Add(SopsCreationRule rule, Regex? pattern)
    {
        _rules.Add(rule);
        _patterns.Add(pattern);
    }

    /// <summary>sops splits the data key only with two or more groups; then 2 ≤ threshold ≤ groups (≤ 255).</summary>
    private void CheckThreshold(int threshold, Mark at, int groupCount)
    {
        if (threshold is < 0 or > 255)
            Report(at, $"`shamir_threshold` is {threshold}; it must be between 2 and the number of key groups", "set it to how many key groups must take part in opening a file");
        else if (groupCount > 1 && threshold is not 0 && (threshold < 2 || threshold > groupCount))
            Report(at, $"`shamir_threshold` is {threshold}, but the rule has {groupCount} key groups; it must be {(groupCount == 2 ? "2" : $"between 2 and {groupCount}")}",
                "lower the threshold, or add key groups");
    }

    private List<SopsKeyGroup>? ReadKeyGroups(YamlNode node, List<string> unsupported)
    {
        if (IsNull(node))
            return null;
        if (node is not YamlSequenceNode list)
        {
            Report(node.Start, "`key_groups` must be a list of key groups", "write each group as a `- age: [age1…]` item");
            return null;
        }
        var groups = new List<SopsKeyGroup>();
        foreach (var item in list.Children)
        {
            List<string> age = [], pgp = [];
            CollectKeyGroup(item, age, pgp, unsupported, depth: 0);
            // Duplicates inside a group are dropped, as sops does.
            groups.Add(new SopsKeyGroup([.. age.Distinct(StringComparer.Ordinal)], [.. pgp.Distinct(StringComparer.Ordinal)]));
        }
        return groups;
    }

    private void CollectKeyGroup(YamlNode node, List<string> age, List<string> pgp, List<string> unsupported, int depth)
    {
        if (IsNull(node))
            return;
        if (node is not YamlMappingNode map)
        {
            Report(node.Start, "a key group must be a mapping", "write it as `- age: [age1…]`");
            return;
        }
        if (depth > MaxMergeDepth)
        {
            Report(node.Start, "`merge` nests too deeply", "merge the groups' keys directly");
            return;
        }
        foreach (var (keyNode, value) in map.Children)
        {
            var key = KeyName(keyNode);
            switch (key)
            {
                case "age":
                    age.AddRange(ReadKeyList(value, key, allowCommaString: false));
                    break;
                case "pgp":
                    pgp.AddRange(ReadKeyList(value, key, allowCommaString: false).Select(PgpFingerprint.Normalize));
                    break;
                case "hc_vault":
                    if (ReadKeyList(value, key, allowCommaString: false).Count > 0)
                        AddOnce(unsupported, key);
                    break;
                case "kms" or "gcp_kms" or "azure_keyvault" or "hckms":
                    if (CountMappings(value, key) > 0)
                        AddOnce(unsupported, key);
                    break;
                case "merge":
                    if (IsNull(value))
                        break;
                    if (value is not YamlSequenceNode merged)
                    {
                        Report(value.Start, "`merge` must be a list of key groups", "write each merged group as a `- age: [age1…]` item");
                        break;
                    }
                    foreach (var item in merged.Children)
                        CollectKeyGroup(item, age, pgp, unsupported, depth + 1);
                    break;
                default:
                    ReportUnknownKey(keyNode, key, KeyGroupKeys, "a key group");
                    break;
            }
        }
    }

    private Regex? CompileRegex(string pattern, YamlNode at, string key)
    {
        try
        {
            return GoRegex.Compile(pattern);
        }
        catch (ArgumentException e)
        {
            Report(at.Start, $"`{key}` is not a valid regular expression: {e.Message}", "fix the pattern; sops reads it as Go RE2 syntax");
        }
        catch (NotSupportedException)
        {
            Report(at.Start, $"`{key}` uses look-around, a back-reference or another construct Go's RE2 syntax does not have",
                "rewrite the pattern without it; sops would refuse it too");
        }
        return null;
    }

    private static void AddOnce(List<string> names, string name)
    {
        if (!names.Contains(name))
            names.Add(name);
    }
}
