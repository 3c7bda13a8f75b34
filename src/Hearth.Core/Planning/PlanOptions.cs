using System.Collections.Immutable;
using Hearth.Core.Addressing;

namespace Hearth.Core.Planning;

/// <summary>How to plan.</summary>
/// <param name="Targets">Limit the plan to these resources (and what they depend on; for destroy, what depends on them).</param>
/// <param name="Replace">Replace these instances even if nothing changed.</param>
/// <param name="Parallelism">How many refresh reads run at once.</param>
public sealed record PlanOptions(
    PlanMode Mode = PlanMode.Normal,
    bool Refresh = true,
    ImmutableArray<ResourceAddress> Targets = default,
    ImmutableArray<ResourceAddress> Replace = default,
    int Parallelism = PlanOptions.DefaultParallelism)
{
    /// <summary>Terraform's default: enough to overlap network round-trips without flooding an API's rate limit.</summary>
    public const int DefaultParallelism = 10;

    public ImmutableArray<ResourceAddress> Targets { get; init; } = Targets.IsDefault ? [] : Targets;

    public ImmutableArray<ResourceAddress> Replace { get; init; } = Replace.IsDefault ? [] : Replace;

    public bool Equals(PlanOptions? other) =>
        other is not null && Mode == other.Mode && Refresh == other.Refresh && Parallelism == other.Parallelism &&
        Targets.SequenceEqual(other.Targets) && Replace.SequenceEqual(other.Replace);

    public override int GetHashCode() => HashCode.Combine(Mode, Refresh, Targets.Length, Replace.Length);
}
