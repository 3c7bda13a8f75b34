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
public sealed partial class YamlSopsStore(int indent = YamlSopsStore.DefaultIndent) : ISopsStore
{
    public const int DefaultIndent = 4;

    /// <summary>
    /// The emitter writes a comment as <c># text</c>; sops reads back everything after the <c>#</c>, so an encrypted
    /// comment must follow it directly. Comments are emitted behind this marker, which nothing else can contain
    /// (the emitter quotes control characters), and the marker with the space before it is then removed.
    /// </summary>
    private const string CommentMarker = "";

    /// <summary>
    /// Marks a comment that opens a block (the value of a key, or a list item). YamlDotNet writes it indented as the
    /// enclosing level, where it would read back as that level's, and an encrypted one would no longer decrypt (its
    /// additional data is its level's path); a marked line of its own gets one more indent step after emitting. On
    /// a list item's dash line (<c>-   #note</c>) it already stands in the item.
    /// </summary>
    private const string OpeningCommentMarker = "";

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
            var scanner = new YamlCommentRescuingScanner(new Scanner(new StringReader(source), skipComments: false));
            var parser = new Parser(scanner);
            parser.Consume<StreamStart>();
            while (true)
            {
                var leading = Comments(parser, source);
                if (AtEnd(parser) || !parser.TryConsume<DocumentStart>(out _))
                    break;
                leading.AddRange(Comments(parser, source));
                if (parser.TryConsume<DocumentEnd>(out _))
                    continue;
                var reader = new Reader(parser, scanner, source, fileName);
                var node = reader.Read();
                var trailing = reader.RescuedAfterRoot();
                trailing.AddRange(Comments(parser, source));
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

    private static SopsComment Exact(Comment comment, string source) => Exact(comment.Start, comment.Value, source);

    /// <summary>The comment's text exactly as in the file after the <c>#</c> (the parser trims the space sops keeps).</summary>
    private static SopsComment Exact(Mark at, string value, string source)
    {
        var start = (int)at.Index;
        if (start < 0 || start >= source.Length || source[start] != '#')
            return new SopsComment(value);
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
        var written = text.ToString();
        if (written.Contains(OpeningCommentMarker, StringComparison.Ordinal))
            written = string.Join('\n', written.Split('\n').Select(line => line.TrimStart(' ').StartsWith("# " + OpeningCommentMarker, StringComparison.Ordinal)
                ? new string(' ', indent) + line.Replace("# " + OpeningCommentMarker, "#", StringComparison.Ordinal)
                : line));
        return Encoding.UTF8.GetBytes(written.Replace("# " + CommentMarker, "#", StringComparison.Ordinal).Replace("# " + OpeningCommentMarker, "#", StringComparison.Ordinal));
    }

    /// <summary>The comments before the first value of a map or list that has values.</summary>
    private static List<SopsComment> Opening(SopsNode node)
    {
        var items = node switch
        {
            SopsMap map => map.Entries.Select(e => e.Value),
            SopsList list => list.Items,
            _ => [],
        };
        var opening = items.TakeWhile(i => i is SopsComment).Cast<SopsComment>().ToList();
        return items.Any(i => i is not SopsComment) ? opening : [];
    }

    private static SopsNode Without(SopsNode node, int leading) => leading == 0 ? node : node switch
    {
        SopsMap map => new SopsMap([.. map.Entries.Skip(leading)]),
        SopsList list => new SopsList([.. list.Items.Skip(leading)]),
        _ => node,
    };

    /// <param name="opensItem">
    /// The node is a list item: comments that open it are marked, as YamlDotNet writes them on the item's dash line
    /// (a map) or indented as the enclosing list (a list), where they would read back as the list's.
    /// </param>
    private static void EmitNode(IEmitter emitter, SopsNode node, bool opensItem = false)
    {
        var marked = opensItem ? Opening(node).Count : 0;
        switch (node)
        {
            case SopsMap map:
                emitter.Emit(new MappingStart());
                foreach (var (key, value) in map.Entries)
                {
                    if (value is SopsComment comment)
                    {
                        emitter.Emit(new Comment((marked-- > 0 ? OpeningCommentMarker : CommentMarker) + comment.Text, isInline: false));
                        continue;
                    }
                    EmitString(emitter, key, isKey: true);
                    var opening = Opening(value);
                    foreach (var note in opening)
                        emitter.Emit(new Comment(OpeningCommentMarker + note.Text, isInline: false));
                    EmitNode(emitter, Without(value, opening.Count));
                }
                emitter.Emit(new MappingEnd());
                break;
            case SopsList list:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Block));
                foreach (var item in list.Items)
                {
                    if (item is SopsComment comment)
                    {
                        emitter.Emit(new Comment((marked-- > 0 ? OpeningCommentMarker : CommentMarker) + comment.Text, isInline: false));
                        continue;
                    }
                    EmitNode(emitter, item, opensItem: true);
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

    /// <summary>
    /// A string that would read back as another type (true, 12, null…) is quoted; one with line breaks is a literal
    /// block, except a lone line break: its block would be empty, and an empty block with clip chomping reads back "".
    /// Some strings YamlDotNet's emitter would write plain or as a block but not read back the same are double-quoted
    /// (escaped): a tab at either end (dropped as plain), control characters (YAML allows none unescaped; NEL and
    /// CR break lines), LS and PS, which it also takes for line breaks, and <c> *</c>, which YamlDotNet's scanner
    /// reads as an alias inside a plain scalar.
    /// A key with line breaks is double-quoted, on one line: as a block it would need the <c>? </c> form, after which
    /// a comment that opens the value has no place.
    /// </summary>
    private static void EmitString(IEmitter emitter, string text, bool isKey = false)
    {
        var style = NeedsEscapes(text) ? ScalarStyle.DoubleQuoted
            : text.Contains('\n', StringComparison.Ordinal) ? (text != "\n" && !StartsWithBlank(text) && !isKey ? ScalarStyle.Literal : ScalarStyle.DoubleQuoted)
            : YamlScalarText.Typed(text) is string && !YamlScalarText.LooksLikeTimestamp(text) && !StartsWithBlank(text) && !text.EndsWith('\t') ? ScalarStyle.Any
            : ScalarStyle.DoubleQuoted;
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, style, isPlainImplicit: style == ScalarStyle.Any, isQuotedImplicit: true));
    }

    private static bool NeedsEscapes(string text) =>
        text.Any(c => (char.IsControl(c) && c is not '\n' and not '\t') || c is '\u2028' or '\u2029') ||
        text.Contains(" *", StringComparison.Ordinal) || text.Contains("\t*", StringComparison.Ordinal);

    private static bool StartsWithBlank(string text) => text.Length > 0 && text[0] is ' ' or '\t';
}
