using Hearth.Core.Diagnostics;

namespace Hearth.Core.Syntax;

/// <summary>A YAML node as written, with the position it starts at.</summary>
public abstract record SyntaxNode(SourceSpan Span)
{
    /// <summary>How this node is described in errors ("a mapping", "a list", "a string").</summary>
    public abstract string Describe();
}
