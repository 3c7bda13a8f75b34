using Hearth.Core.Diagnostics;
using Hearth.Core.Values;

namespace Hearth.Core.Expressions;

/// <summary>A plain YAML scalar or a piece of literal text in a template.</summary>
public sealed record LiteralExpression(Value Value, SourceSpan Span) : Expression(Span);
