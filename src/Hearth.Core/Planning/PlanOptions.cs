using System.Collections.Immutable;
using Hearth.Core.Addressing;

namespace Hearth.Core.Planning;

/// <summary>How to plan.</summary>
/// <param name="Targets">Limit the plan to these resources (and what they depend on; for destroy, what depends on them).</param>
/// <param name="Replace">Replace these instances even if nothing changed.</param>
/// <param name="Parallelism">How many refresh reads run at once.</param>
/// <param name="Excludes">Leave these resources out, and what depends on them (for destroy: what they depend on).</param>
public sealed record PlanOptions(
    PlanMode Mode = PlanMode.Normal,
    bool Refresh = true,
    ImmutableArray<ResourceAddress> Targets = default,
    ImmutableArray<ResourceAddress> Replace = default,
    int Parallelism = PlanOptions.DefaultParallelism,
    ImmutableArray<ResourceAddress> Excludes = default)
{
    /// <summary>Terraform's default: enough to overlap network round-trips without flooding an API's rate limit.</summary>
    public const int DefaultParallelism = 10;

    public ImmutableArray<ResourceAddress> Targets { get; init; } = Targets.IsDefault ? [] : Targets;

    public ImmutableArray<ResourceAddress> Replace { get; init; } = Replace.IsDefault ? [] : Replace;

    public ImmutableArray<ResourceAddress> Excludes { get; init; } = Excludes.IsDefault ? [] : Excludes;

    /// <summary>Targets or excludes are in effect, so the plan may be incomplete.</summary>
    public bool IsPartial => !Targets.IsEmpty || !Excludes.IsEmpty;

    public bool Equals(PlanOptions? other) =>
        other is not null && Mode == other.Mode && Refresh == other.Refresh && Parallelism == other.Parallelism &&
        Targets.SequenceEqual(other.Targets) && Replace.SequenceEqual(other.Replace) && Excludes.SequenceEqual(other.Excludes);

    public override int GetHashCode() => HashCode.Combine(Mode, Refresh, Targets.Length, Replace.Length);
}
