using Hearth.Core.Diagnostics;

namespace Hearth.Core.Expressions;

/// <summary><c>secret:PATH#KEY</c>: one value of a SOPS file, always sensitive.</summary>
public sealed record SecretExpression(string Path, string Key, SourceSpan Span) : Expression(Span);
