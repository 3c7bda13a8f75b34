using Hearth.Core.Diagnostics;
using Hearth.Core.Expressions;

namespace Hearth.Core.Labs;

/// <summary>The lab's <c>state:</c> section. Backends other than <c>local</c> read their settings from <see cref="Settings"/>.</summary>
public sealed record StateSettings(string Backend, string Path, MapExpression Settings, SourceSpan Span)
{
    public const string DefaultPath = ".hearth/state.json";
}
