using System.Globalization;
using Hearth.Secrets.Sops;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Hearth.Secrets.Stores;

/// <summary>
/// Reads SOPS YAML: every document keeps its key order; plain scalars are typed by YAML 1.2 core rules; the
/// <c>sops</c> key of the first document is the metadata, and is removed from every document.
/// </summary>
public static class YamlSopsStore
{
    /// <exception cref="SecretsException">Not YAML, or no <c>sops</c> metadata.</exception>
    public static SopsDocument Read(string text, string fileName)
    {
        var documents = new List<SopsMap>();
        SopsMap? metadata = null;
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                if (parser.TryConsume<DocumentEnd>(out _))
                    continue;
                var node = ReadNode(parser, new Dictionary<string, SopsNode>(StringComparer.Ordinal));
                parser.Consume<DocumentEnd>();
                if (node is not SopsMap map)
                    throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}: a SOPS YAML document must be a mapping at the top");
                metadata ??= map.Get("sops") as SopsMap;
                documents.Add(new SopsMap([.. map.Entries.Where(e => e.Key != "sops")]));
            }
        }
        catch (YamlException e)
        {
            throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}:{e.Start.Line}:{e.Start.Column}: invalid YAML", null, e);
        }
        return new SopsDocument(documents, SopsMetadata.From(metadata ?? throw NotSops(fileName)));
    }

    internal static SecretsException NotSops(string fileName) =>
        new(SecretsFailure.InvalidFile, $"{fileName} is not encrypted with SOPS: it has no sops metadata", "encrypt it with `hearth sops -e -i FILE` or `sops -e -i FILE`");

    private static SopsNode ReadNode(IParser parser, Dictionary<string, SopsNode> anchors)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
            return anchors.TryGetValue(alias.Value.Value, out var target) ? target : new SopsScalar(null);
        SopsNode node;
        string? anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            node = new SopsScalar(scalar.Style == ScalarStyle.Plain ? Typed(scalar.Value) : scalar.Value);
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
        }
        else if (parser.TryConsume<SequenceStart>(out var sequence))
        {
            var items = new List<SopsNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
                items.Add(ReadNode(parser, anchors));
            node = new SopsList(items);
            anchor = sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value;
        }
        else
        {
            var mapping = parser.Consume<MappingStart>();
            var entries = new List<KeyValuePair<string, SopsNode>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode(parser, anchors) is SopsScalar { Value: not null } k ? Convert.ToString(k.Value, CultureInfo.InvariantCulture)! : "";
                entries.Add(KeyValuePair.Create(key, ReadNode(parser, anchors)));
            }
            node = new SopsMap(entries);
            anchor = mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value;
        }
        if (anchor is not null)
            anchors[anchor] = node;
        return node;
    }

    /// <summary>YAML 1.2 core schema typing of a plain scalar, as go-yaml v3 does it.</summary>
    private static object? Typed(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return integer;
        if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.') &&
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return number;
        return text;
    }
}
