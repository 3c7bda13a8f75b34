using System.Collections.Immutable;
using Hearth.Core.Diagnostics;

namespace Hearth.Core.Syntax;

public sealed record MappingSyntax(ImmutableArray<MappingEntry> Entries, SourceSpan Span) : SyntaxNode(Span)
{
    public override string Describe() => "a mapping";

    public MappingEntry? Find(string key) => Entries.FirstOrDefault(e => e.Key.Text == key);
}
