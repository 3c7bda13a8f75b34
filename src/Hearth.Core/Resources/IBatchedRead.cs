using Hearth.Core.Addressing;
using Hearth.Core.Values;

namespace Hearth.Core.Resources;

/// <summary>
/// Offered by a kind whose objects are cheapest to observe together (all records of a zone in one listing).
/// The engine groups refreshes by <see cref="BatchKey"/> and makes one call per group.
/// </summary>
public interface IBatchedRead
{
    /// <summary>The group an object belongs to, e.g. its zone.</summary>
    BatchKey BatchKeyOf(ReadRequest request);

    /// <summary>Observes every object of one group; an address missing from the result, or mapped to null, is gone.</summary>
    Task<IReadOnlyDictionary<ResourceAddress, MapValue?>> ReadBatchAsync(BatchKey key, IReadOnlyList<ReadRequest> requests, CancellationToken cancellationToken);
}
