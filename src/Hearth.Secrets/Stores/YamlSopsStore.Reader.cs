using System.Globalization;
using Hearth.Secrets.Sops;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Hearth.Secrets.Stores;

public sealed partial class YamlSopsStore
{
    /// <summary>
    /// Reads one document's node tree, comments kept at their level by indentation, since an encrypted comment's
    /// additional data is its level's path and at another level it no longer decrypts. YamlDotNet reports a comment
    /// that follows a nested block inside that block however little it is indented: one left of the block's entries
    /// belongs to an enclosing level (unless more of the block's entries follow it). It reports a comment before a
    /// block's first entry outside the block: one indented as the block, on a line after the key or on the dash
    /// line of a list item, opens the block.
    /// </summary>
    private sealed class Reader(IParser parser, YamlCommentRescuingScanner scanner, string source, string fileName)
    {
        private readonly Dictionary<string, SopsNode> _anchors = new(StringComparer.Ordinal);

        /// <summary>Comments that ended the block just read but sit left of it, for the levels around it to place.</summary>
        private List<(SopsComment Comment, long Column)> _outdented = [];

        /// <summary>Comments that open the block about to be read: its first entries.</summary>
        private List<SopsComment> _leading = [];

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
                Rescued(scanner.TakeRescuedAfterScalar(scalar.End));
            }
            else if (parser.TryConsume<SequenceStart>(out var sequence))
            {
                node = ReadSequence(sequence.Style == SequenceStyle.Block ? sequence.Start.Column : 0);
                anchor = sequence.Anchor;
            }
            else
            {
                var mapping = parser.Consume<MappingStart>();
                node = ReadMapping(mapping.Start, mapping.Style == MappingStyle.Block ? mapping.Start.Column : 0);
                anchor = mapping.Anchor;
            }
            if (!anchor.IsEmpty)
                _anchors[anchor.Value] = node;
            return node;
        }

        private SopsList ReadSequence(long column)
        {
            var items = new List<SopsNode>(TakeLeading());
            var level = new Level<SopsNode>(items, column, comment => comment);
            var waiting = new List<Comment>();
            while (true)
            {
                if (parser.TryConsume<Comment>(out var comment))
                {
                    waiting.Add(comment);
                    continue;
                }
                // Comments indented as the block item that follows (`-   # note` above `key: v`) open that item.
                var itemColumn = BlockColumn();
                level.PlaceAll(waiting.Where(c => c.Start.Column < itemColumn).Select(c => (Exact(c, source), c.Start.Column)));
                var opening = waiting.Where(c => c.Start.Column >= itemColumn).Select(c => Exact(c, source)).ToList();
                waiting.Clear();
                if (parser.TryConsume<SequenceEnd>(out var end))
                {
                    _outdented = level.Held;
                    Rescued(scanner.TakeRescuedAfterFlowSequence(end.Start));
                    return new SopsList(items);
                }
                level.EntryFollows();
                _leading = opening;
                items.Add(Read());
                _leading = [];
                level.PlaceAll(TakeOutdented());
            }
        }

        private SopsMap ReadMapping(Mark start, long column)
        {
            var entries = new List<KeyValuePair<string, SopsNode>>(TakeLeading().Select(CommentEntry));
            var level = new Level<KeyValuePair<string, SopsNode>>(entries, column, CommentEntry);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                if (parser.TryConsume<MappingEnd>(out _))
                    break;
                if (parser.TryConsume<Comment>(out var comment))
                {
                    level.Place(Exact(comment, source), comment.Start.Column);
                    continue;
                }
                level.EntryFollows();
                var keyStart = parser.Current?.Start ?? start;
                var key = Read() is SopsScalar { Value: not null } k ? Convert.ToString(k.Value, CultureInfo.InvariantCulture)! : "";
                var afterKey = TakeOutdented();
                if (!keys.Add(key))
                    throw new SecretsException(SecretsFailure.InvalidFile, $"{fileName}:{keyStart.Line}:{keyStart.Column}: duplicate key `{key}`", "keep one of them");
                // A comment between a key and its block value: on the key's line (`key: # note`) it is kept after
                // the entry; on a line of its own, indented as the block, it is the block's first entry.
                var between = new List<Comment>();
                while (!AtEnd(parser) && parser.TryConsume<Comment>(out var note))
                    between.Add(note);
                var blockColumn = BlockColumn();
                bool Inside(Comment note) => note.Start.Line != keyStart.Line && note.Start.Column >= blockColumn;
                _leading = [.. between.Where(Inside).Select(c => Exact(c, source))];
                entries.Add(KeyValuePair.Create(key, Read()));
                _leading = [];
                var outdented = TakeOutdented();
                entries.AddRange(afterKey.Select(c => CommentEntry(c.Comment)));
                entries.AddRange(between.Where(c => !Inside(c)).Select(c => CommentEntry(Exact(c, source))));
                level.PlaceAll(outdented);
            }
            _outdented = level.Held;
            return new SopsMap(entries);
        }

        /// <summary>The column of the block map or list that comes next; past any column when something else does.</summary>
        private long BlockColumn() => parser.Current switch
        {
            MappingStart { Style: MappingStyle.Block } block => block.Start.Column,
            SequenceStart { Style: SequenceStyle.Block } block => block.Start.Column,
            _ => long.MaxValue,
        };

        private List<SopsComment> TakeLeading()
        {
            var taken = _leading;
            _leading = [];
            return taken;
        }

        /// <summary>What the node just read left for the levels around it: comments left of its block, and any the scanner rescued after it.</summary>
        private List<(SopsComment Comment, long Column)> TakeOutdented()
        {
            var taken = _outdented;
            _outdented = [];
            return taken;
        }

        /// <summary>Comments the scanner held back after the node just read: they follow it, as the comments it leaves do.</summary>
        private void Rescued(List<YamlDotNet.Core.Tokens.Comment> comments) =>
            _outdented.AddRange(comments.Select(c => (Exact(c.Start, c.Value, source), c.Start.Column)));

        /// <summary>Comments after the document's root node, for the end of the document.</summary>
        public List<SopsComment> RescuedAfterRoot() => [.. TakeOutdented().Select(c => c.Comment)];
    }

    /// <summary>The comments of one block level: those left of its column are held until an entry of the level follows.</summary>
    private sealed class Level<T>(List<T> entries, long column, Func<SopsComment, T> asEntry)
    {
        public List<(SopsComment Comment, long Column)> Held { get; } = [];

        public void Place(SopsComment comment, long at)
        {
            if (at < column)
            {
                Held.Add((comment, at));
                return;
            }
            EntryFollows();
            entries.Add(asEntry(comment));
        }

        public void PlaceAll(IEnumerable<(SopsComment Comment, long Column)> comments)
        {
            foreach (var (comment, at) in comments)
                Place(comment, at);
        }

        /// <summary>What was held sits between entries of this level after all.</summary>
        public void EntryFollows()
        {
            entries.AddRange(Held.Select(h => asEntry(h.Comment)));
            Held.Clear();
        }
    }
}
