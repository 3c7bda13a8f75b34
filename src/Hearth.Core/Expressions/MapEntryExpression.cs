using Hearth.Core.Diagnostics;

namespace Hearth.Core.Expressions;

public sealed record MapEntryExpression(string Key, SourceSpan KeySpan, Expression Value);
