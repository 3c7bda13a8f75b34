using Hearth.Core.Diagnostics;

namespace Hearth.Core.Syntax;

/// <summary>A scalar; <see cref="Quoted"/> is true for any non-plain style, which makes it a string whatever it looks like.</summary>
public sealed record ScalarSyntax(string Text, bool Quoted, SourceSpan Span) : SyntaxNode(Span)
{
    public override string Describe() => "a scalar";
}
