using System.Globalization;
using System.Text;
using Hearth.Secrets.Sops;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Hearth.Secrets.Stores;

/// <summary>
/// SOPS YAML: every document keeps its key order and its comments (as tree items, so they are encrypted too);
/// plain scalars are typed by YAML 1.2 core rules as go-yaml v3 does; the <c>sops</c> key of the first document
/// is the metadata, and written files carry it as the last key of every document.
/// </summary>
public sealed class YamlSopsStore(int indent = YamlSopsStore.DefaultIndent) : ISopsStore
{
    public const int DefaultIndent = 4;

    /// <summary>
    /// The emitter writes a comment as <c># text</c>; sops reads back everything after the <c>#</c>, so an encrypted
    /// comment must follow it directly. Comments are emitted behind this marker, which nothing else can contain
    /// (the emitter quotes control characters), and the marker with the space before it is then removed.
    /// </summary>
    private const string CommentMarker = "";

    public string Name => "yaml";

    /// <exception cref="SecretsException">Not YAML, or no <c>sops</c> metadata.</exception>
    public static SopsDocument Read(string text, string fileName) =>
        new YamlSopsStore().Parse(Encoding.UTF8.GetBytes(text), fileName).ToDocument(fileName);

    public SopsParsed Parse(byte[] content, string fileName)
    {
        var documents = new List<SopsMap>();
        SopsMap? metadata = null;
        try
        {
            var source = Encoding.UTF8.GetString(content);
            var parser = new Parser(new Scanner(new StringReader(source), skipComments: false));
            parser.Consume<StreamStart>();
            while (true)
            {
                var leading = Comments(parser, source);
                if (AtEnd(parser) || !parser.TryConsume<DocumentStart>(out _))
                    break;
                leading.AddRange(Comments(parser, source));
                if (parser.TryConsume<DocumentEnd>(out _))
                    continue;
                var node = new Reader(parser, source, fileName).Read();
                var trailing = Comments(parser, source);
                parser.Consume<DocumentEnd>();
                if (node is not SopsMap map)
                    throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}: a SOPS YAML document must be a mapping at the top");
                metadata ??= map.Get("sops") as SopsMap;
                documents.Add(new SopsMap([.. leading.Select(CommentEntry), .. map.Without("sops").Entries, .. trailing.Select(CommentEntry)]));
            }
        }
        catch (YamlException e)
        {
            throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}:{e.Start.Line}:{e.Start.Column}: invalid YAML: {e.Message}", null, e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or EndOfStreamException &&
                                  e.Source == typeof(Parser).Assembly.GetName().Name)
        {
            // YamlDotNet rejects some malformed input with these instead of a YamlException (a tag that is not a
            // URI, a plain scalar cut short); they are still the file's fault.
            throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}: invalid YAML: {e.Message}", null, e);
        }
        return new SopsParsed(documents, metadata);
    }

    private static List<SopsComment> Comments(IParser parser, string source)
    {
        var comments = new List<SopsComment>();
        while (!AtEnd(parser) && parser.TryConsume<Comment>(out var comment))
            comments.Add(Exact(comment, source));
        return comments;
    }

    /// <summary>True when no events are left. YamlDotNet ends a stream of only comments without a StreamEnd event.</summary>
    private static bool AtEnd(IParser parser) => parser.Current is null && !parser.MoveNext();

    /// <summary>The comment's text exactly as in the file after the <c>#</c> (the parser trims the space sops keeps).</summary>
    private static SopsComment Exact(Comment comment, string source)
    {
        var start = (int)comment.Start.Index;
        if (start < 0 || start >= source.Length || source[start] != '#')
            return new SopsComment(comment.Value);
        var end = source.IndexOf('\n', start);
        return new SopsComment(source[(start + 1)..(end < 0 ? source.Length : end)].TrimEnd('\r'));
    }

    private static KeyValuePair<string, SopsNode> CommentEntry(SopsComment comment) => KeyValuePair.Create("", (SopsNode)comment);

    public byte[] Write(IReadOnlyList<SopsMap> documents, SopsMap? metadata)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, new EmitterSettings(indent, int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024, indentSequences: true, newLine: "\n"));
        emitter.Emit(new StreamStart());
        foreach (var document in documents.Count == 0 ? [SopsMap.Empty] : documents)
        {
            emitter.Emit(new DocumentStart(null, null, isImplicit: true));
            EmitNode(emitter, metadata is null ? document : document.With("sops", metadata));
            emitter.Emit(new DocumentEnd(isImplicit: true));
        }
        emitter.Emit(new StreamEnd());
        return Encoding.UTF8.GetBytes(text.ToString().Replace("# " + CommentMarker, "#", StringComparison.Ordinal));
    }

    private static void EmitNode(IEmitter emitter, SopsNode node)
    {
        switch (node)
        {
            case SopsMap map:
                emitter.Emit(new MappingStart());
                foreach (var (key, value) in map.Entries)
                {
                    if (value is SopsComment comment)
                    {
                        emitter.Emit(new Comment(CommentMarker + comment.Text, isInline: false));
                        continue;
                    }
                    EmitString(emitter, key);
                    EmitNode(emitter, value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case SopsList list:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Block));
                foreach (var item in list.Items)
                {
                    if (item is SopsComment comment)
                        emitter.Emit(new Comment(CommentMarker + comment.Text, isInline: false));
                    else
                        EmitNode(emitter, item);
                }
                emitter.Emit(new SequenceEnd());
                break;
            case SopsScalar { Value: string text }:
                EmitString(emitter, text);
                break;
            case SopsScalar { Value: byte[] bytes }:
                EmitString(emitter, Encoding.UTF8.GetString(bytes));
                break;
            case SopsScalar scalar:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, YamlScalarText.Plain(scalar.Value), ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
        }
    }

    /// <summary>A string that would read back as another type (true, 12, null…) is quoted; one with line breaks is a literal block.</summary>
    private static void EmitString(IEmitter emitter, string text)
    {
        var style = text.Contains('\n', StringComparison.Ordinal) && !text.Contains('\r', StringComparison.Ordinal) && !HasLeadingSpaceOnFirstLine(text)
            ? ScalarStyle.Literal
            : YamlScalarText.Typed(text) is string && !YamlScalarText.LooksLikeTimestamp(text) ? ScalarStyle.Any : ScalarStyle.DoubleQuoted;
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, style, isPlainImplicit: style == ScalarStyle.Any, isQuotedImplicit: true));
    }

    private static bool HasLeadingSpaceOnFirstLine(string text) => text.Length > 0 && text[0] is ' ' or '\t';

    /// <summary>Reads one document's node tree, comments kept in place.</summary>
    private sealed class Reader(IParser parser, string source, string fileName)
    {
        private readonly Dictionary<string, SopsNode> _anchors = new(StringComparer.Ordinal);

        public SopsNode Read()
        {
            if (parser.TryConsume<AnchorAlias>(out var alias))
                return _anchors.TryGetValue(alias.Value.Value, out var target) ? target : new SopsScalar(null);
            SopsNode node;
            AnchorName anchor;
            if (parser.TryConsume<Scalar>(out var scalar))
            {
                node = new SopsScalar(scalar.Style == ScalarStyle.Plain ? YamlScalarText.Typed(scalar.Value) : scalar.Value);
                anchor = scalar.Anchor;
            }
            else if (parser.TryConsume<SequenceStart>(out var sequence))
            {
                var items = new List<SopsNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    if (parser.TryConsume<Comment>(out var comment))
                        items.Add(Exact(comment, source));
                    else
                        items.Add(Read());
                }
                node = new SopsList(items);
                anchor = sequence.Anchor;
            }
            else
            {
                var mapping = parser.Consume<MappingStart>();
                node = ReadMapping(mapping.Start);
                anchor = mapping.Anchor;
            }
            if (!anchor.IsEmpty)
                _anchors[anchor.Value] = node;
            return node;
        }

        private SopsMap ReadMapping(Mark start)
        {
            var entries = new List<KeyValuePair<string, SopsNode>>();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (parser.TryConsume<Comment>(out var comment))
                {
                    entries.Add(CommentEntry(Exact(comment, source)));
                    continue;
                }
                var keyStart = parser.Current?.Start ?? start;
                var key = Read() is SopsScalar { Value: not null } k ? Convert.ToString(k.Value, CultureInfo.InvariantCulture)! : "";
                if (!keys.Add(key))
                    throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}:{keyStart.Line}:{keyStart.Column}: duplicate key `{key}`", "keep one of them");
                // A comment between a key and its block value (`key: # note`) is kept after the entry.
                var between = Comments(parser, source);
                entries.Add(KeyValuePair.Create(key, Read()));
                entries.AddRange(between.Select(CommentEntry));
            }
            return new SopsMap(entries);
        }
    }
}
