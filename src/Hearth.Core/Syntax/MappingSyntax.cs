using System.Collections.Immutable;
using Hearth.Core.Diagnostics;

namespace Hearth.Core.Syntax;

public sealed record MappingSyntax(ImmutableArray<MappingEntry> Entries, SourceSpan Span) : SyntaxNode(Span)
{
    public override string Describe() => "a mapping";

    public MappingEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Text == key)
                return entry;
        }
        return null;
    }
}
