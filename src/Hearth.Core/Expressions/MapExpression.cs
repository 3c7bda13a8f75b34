using System.Collections.Immutable;
using Hearth.Core.Diagnostics;

namespace Hearth.Core.Expressions;

public sealed record MapExpression(ImmutableArray<MapEntryExpression> Entries, SourceSpan Span) : Expression(Span)
{
    protected override IEnumerable<Expression> Children() => Entries.Select(e => e.Value);

    public MapEntryExpression? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key == key)
                return entry;
        }
        return null;
    }
}
