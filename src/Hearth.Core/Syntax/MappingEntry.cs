namespace Hearth.Core.Syntax;

public sealed record MappingEntry(ScalarSyntax Key, SyntaxNode Value);
