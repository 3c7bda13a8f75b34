using Hearth.Core.Syntax;

namespace Hearth.Core.Labs;

/// <summary>One file's contribution to a top-level section.</summary>
internal sealed record MergedEntry(ScalarSyntax Key, SyntaxNode Value);
