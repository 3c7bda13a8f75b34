using System.Collections.Immutable;
using Hearth.Core.Diagnostics;

namespace Hearth.Core.Syntax;

/// <summary>A YAML node as written, with the position it starts at.</summary>
public abstract record SyntaxNode(SourceSpan Span)
{
    /// <summary>How this node is described in errors ("a mapping", "a list", "a string").</summary>
    public abstract string Describe();
}

/// <summary>A scalar; <see cref="Quoted"/> is true for any non-plain style, which makes it a string whatever it looks like.</summary>
public sealed record ScalarSyntax(string Text, bool Quoted, SourceSpan Span) : SyntaxNode(Span)
{
    public override string Describe() => "a scalar";
}

public sealed record SequenceSyntax(ImmutableArray<SyntaxNode> Items, SourceSpan Span) : SyntaxNode(Span)
{
    public override string Describe() => "a list";
}

public sealed record MappingSyntax(ImmutableArray<MappingEntry> Entries, SourceSpan Span) : SyntaxNode(Span)
{
    public override string Describe() => "a mapping";

    public MappingEntry? Find(string key) => Entries.FirstOrDefault(e => e.Key.Text == key);
}

public sealed record MappingEntry(ScalarSyntax Key, SyntaxNode Value);
