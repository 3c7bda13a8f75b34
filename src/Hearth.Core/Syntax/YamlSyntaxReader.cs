using System.Collections.Immutable;
using Hearth.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Hearth.Core.Syntax;

/// <summary>
/// Reads one YAML document into <see cref="SyntaxNode"/>s that keep their positions. Works on parser
/// events rather than YamlDotNet's object model so duplicate keys can be reported with both positions.
/// </summary>
public static class YamlSyntaxReader
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="displayPath"/> is the file name errors show.</summary>
    /// <exception cref="LabException">The text is not valid YAML, or a mapping repeats a key.</exception>
    public static SyntaxNode? Read(string text, string displayPath)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, SyntaxNode>(StringComparer.Ordinal);
        var diagnostics = new DiagnosticBag();
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
                return null;
            parser.Consume<DocumentStart>();
            var root = parser.Accept<DocumentEnd>(out _) ? null : ReadNode(parser, displayPath, anchors, diagnostics);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
                diagnostics.Add(SpanOf(parser.Current!.Start, displayPath), "a lab file holds one YAML document; this is a second one",
                    "remove the `---` separator or move the second document into its own file");
            diagnostics.ThrowIfAny();
            return root;
        }
        catch (YamlException e)
        {
            throw new LabException(SpanOf(e.Start, displayPath), $"invalid YAML: {TrimLocation(e.Message)}",
                "fix the YAML syntax at that position (indentation, quotes, a missing ':')");
        }
    }

    private static SyntaxNode ReadNode(IParser parser, string file, Dictionary<string, SyntaxNode> anchors, DiagnosticBag diagnostics)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
                return target;
            throw new LabException(SpanOf(alias.Start, file), $"unknown YAML alias *{alias.Value.Value}", "define the anchor with &name before using it");
        }
        SyntaxNode node;
        string? anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            node = new ScalarSyntax(scalar.Value, scalar.Style != ScalarStyle.Plain, SpanOf(scalar.Start, file));
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = ImmutableArray.CreateBuilder<SyntaxNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
                items.Add(ReadNode(parser, file, anchors, diagnostics));
            node = new SequenceSyntax(items.ToImmutable(), SpanOf(sequenceStart.Start, file));
            anchor = sequenceStart.Anchor.IsEmpty ? null : sequenceStart.Anchor.Value;
        }
        else
        {
            var mappingStart = parser.Consume<MappingStart>();
            var entries = ImmutableArray.CreateBuilder<MappingEntry>();
            var seen = new Dictionary<string, ScalarSyntax>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyNode = ReadNode(parser, file, anchors, diagnostics);
                var value = ReadNode(parser, file, anchors, diagnostics);
                if (keyNode is not ScalarSyntax key)
                {
                    diagnostics.Add(keyNode.Span, $"a mapping key must be a scalar, not {keyNode.Describe()}");
                    continue;
                }
                if (seen.TryGetValue(key.Text, out var first))
                {
                    diagnostics.Add(key.Span, $"duplicate key \"{key.Text}\"; it is also defined at {first.Span}",
                        "remove one of the two definitions");
                    continue;
                }
                seen.Add(key.Text, key);
                entries.Add(new MappingEntry(key, value));
            }
            node = new MappingSyntax(entries.ToImmutable(), SpanOf(mappingStart.Start, file));
            anchor = mappingStart.Anchor.IsEmpty ? null : mappingStart.Anchor.Value;
        }
        if (anchor is not null)
            anchors[anchor] = node;
        return node;
    }

    private static SourceSpan SpanOf(Mark mark, string file) => new(file, (int)mark.Line, (int)mark.Column);

    /// <summary>YamlDotNet prefixes messages with its own "(Line: 1, Col: 2, ...)" position; ours is in the span.</summary>
    private static string TrimLocation(string message)
    {
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }
}
