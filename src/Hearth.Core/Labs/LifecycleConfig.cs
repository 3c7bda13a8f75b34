using System.Collections.Immutable;

namespace Hearth.Core.Labs;

/// <summary>The lifecycle meta-argument.</summary>
/// <param name="IgnoreChanges">Attribute paths whose differences never cause an update; <see cref="IgnoreAllChanges"/> ignores every attribute.</param>
public sealed record LifecycleConfig(bool PreventDestroy, ImmutableArray<Values.ValuePath> IgnoreChanges, bool IgnoreAllChanges, bool CreateBeforeDestroy)
{
    public static readonly LifecycleConfig Default = new(false, [], false, false);
}
