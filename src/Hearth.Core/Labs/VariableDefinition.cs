using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;
using Hearth.Core.Values;

namespace Hearth.Core.Labs;

/// <summary>A declared variable: its type, default and description.</summary>
public sealed record VariableDefinition(string Name, AttributeType Type, Value? Default, string Description, bool Sensitive, SourceSpan Span);
