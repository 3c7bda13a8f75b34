using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;

namespace Hearth.Core.Labs;

/// <summary>An explicit dependency and where it was written.</summary>
public sealed record DependsOnEntry(ResourceAddress Address, SourceSpan Span);
