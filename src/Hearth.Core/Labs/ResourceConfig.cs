using System.Collections.Immutable;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Expressions;
using Hearth.Core.Resources;

namespace Hearth.Core.Labs;

/// <summary>One resource as the lab declares it (before for_each expansion into instances).</summary>
/// <param name="Arguments">The attributes the lab sets, as expressions (meta-arguments removed).</param>
public sealed record ResourceConfig(
    ResourceAddress Address,
    ResourceType Type,
    MapExpression Arguments,
    Expression? ForEach,
    ImmutableArray<DependsOnEntry> DependsOn,
    LifecycleConfig Lifecycle,
    SourceSpan Span)
{
    /// <summary>Resources this one refers to or names in depends_on; filled in by the loader.</summary>
    public ImmutableArray<ResourceAddress> Dependencies { get; init; } = [];
}
