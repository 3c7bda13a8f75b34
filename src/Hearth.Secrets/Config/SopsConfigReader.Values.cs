using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hearth.Secrets.Config;

internal sealed partial class SopsConfigReader
{
    private static readonly string[] NullSpellings = ["", "~", "null", "Null", "NULL"];
    private static readonly string[] TrueSpellings = ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"];
    private static readonly string[] FalseSpellings = ["false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"];

    private static bool IsNull(YamlNode node)
    {
        if (node is not YamlScalarNode scalar)
            return false;
        if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific)
            return scalar.Tag.Value == "tag:yaml.org,2002:null";
        // `!` (the other non-specific tag) makes a plain scalar a string.
        return scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && !(scalar.Tag.IsNonSpecific && scalar.Tag.ToString() == "!")
            && NullSpellings.Contains(scalar.Value ?? "");
    }

    private static string KeyName(YamlNode key) => key is YamlScalarNode { Value: { } name } ? name : "";

    private string? ReadString(YamlNode node, string key)
    {
        if (IsNull(node))
            return null;
        if (node is YamlScalarNode scalar)
            return scalar.Value ?? "";
        Report(node.Start, $"`{key}` must be a string, not a {Shape(node)}", $"write it as `{key}: text`");
        return null;
    }

    private int? ReadInt(YamlNode node, string key)
    {
        if (IsNull(node))
            return null;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
            && int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        Report(node.Start, $"`{key}` must be a whole number, not {Describe(node)}", $"write it as `{key}: 2`");
        return null;
    }

    private bool? ReadBool(YamlNode node, string key)
    {
        if (IsNull(node))
            return null;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar)
        {
            if (TrueSpellings.Contains(scalar.Value))
                return true;
            if (FalseSpellings.Contains(scalar.Value))
                return false;
        }
        Report(node.Start, $"`{key}` must be true or false, not {Describe(node)}", $"write it as `{key}: true`");
        return null;
    }

    /// <summary>
    /// Keys given as a list or, where sops allows it, one comma-separated string; either way each item is split on
    /// commas, trimmed, and empty items dropped, which is what sops does with what it reads.
    /// </summary>
    private List<string> ReadKeyList(YamlNode node, string key, bool allowCommaString)
    {
        var keys = new List<string>();
        if (IsNull(node))
            return keys;
        switch (node)
        {
            case YamlScalarNode scalar when allowCommaString:
                keys.AddRange(SplitList(scalar.Value ?? ""));
                break;
            case YamlScalarNode:
                Report(node.Start, $"`{key}` in a key group must be a list", $"write it as `{key}: [first, second]`; only a rule's own `{key}` takes a comma-separated string");
                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children)
                {
                    if (item is YamlScalarNode itemScalar && !IsNull(item))
                        keys.AddRange(SplitList(itemScalar.Value ?? ""));
                    else
                        Report(item.Start, $"each item of `{key}` must be a string, not {Describe(item)}", "write one key per item");
                }
                break;
            default:
                Report(node.Start, $"`{key}` must be a list or a comma-separated string, not a mapping", $"write it as `{key}: [first, second]`");
                break;
        }
        return keys;
    }

    /// <summary>How many entries a list of key mappings (kms, gcp_kms, …) has, checking only its shape.</summary>
    private int CountMappings(YamlNode node, string key)
    {
        if (IsNull(node))
            return 0;
        if (node is not YamlSequenceNode list)
        {
            Report(node.Start, $"`{key}` in a key group must be a list of mappings, not {Describe(node)}", "write each key as a `- …: …` item");
            return 0;
        }
        foreach (var item in list.Children.Where(i => i is not YamlMappingNode))
            Report(item.Start, $"each item of `{key}` must be a mapping, not {Describe(item)}", "write each key's fields as a mapping");
        return list.Children.Count;
    }

    private static IEnumerable<string> SplitList(string text) =>
        text.Split(',').Select(k => k.Trim()).Where(k => k.Length > 0);

    private static string Shape(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "scalar",
    };

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode scalar when IsNull(scalar) => "null",
        YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar => $"`{scalar.Value}`",
        YamlScalarNode scalar => $"the string \"{scalar.Value}\"",
        _ => "a " + Shape(node),
    };
}
