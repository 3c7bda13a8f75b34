namespace Hearth.Core.Resources;

/// <summary>
/// Offered by a kind whose lab object stands for a space the lab manages whole (a DNS zone under
/// <c>manage: all</c>): objects found there that the lab does not declare are to be deleted. The planner asks after
/// the refresh and plans each one's deletion like an object dropped from the lab, so every deletion is shown in the
/// plan before anything happens.
/// </summary>
public interface IDiscoversUndeclared
{
    /// <summary>
    /// The objects in the space of <see cref="DiscoverRequest.Config"/> that are neither in
    /// <see cref="DiscoverRequest.Known"/> nor anyone else's to keep. Each comes with its address and its attributes
    /// as the kind that deletes it expects them.
    /// </summary>
    Task<IReadOnlyList<UndeclaredObject>> DiscoverAsync(DiscoverRequest request, CancellationToken cancellationToken);
}
