using System.Collections.Immutable;
using Hearth.Core.Diagnostics;

namespace Hearth.Core.Syntax;

public sealed record SequenceSyntax(ImmutableArray<SyntaxNode> Items, SourceSpan Span) : SyntaxNode(Span)
{
    public override string Describe() => "a list";
}
