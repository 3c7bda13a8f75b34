namespace Hearth.Core.Applying;

/// <summary>How to apply.</summary>
/// <param name="Parallelism">How many operations run at once.</param>
/// <param name="ProgressInterval">How often a long operation reports that it is still running.</param>
public sealed record ApplyOptions(int Parallelism = Planning.PlanOptions.DefaultParallelism, TimeSpan? ProgressInterval = null)
{
    public TimeSpan Interval => ProgressInterval ?? TimeSpan.FromSeconds(10);
}
