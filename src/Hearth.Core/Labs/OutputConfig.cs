using Hearth.Core.Diagnostics;
using Hearth.Core.Expressions;

namespace Hearth.Core.Labs;

/// <summary>A declared output.</summary>
public sealed record OutputConfig(string Name, Expression Value, bool Sensitive, string Description, SourceSpan Span);
