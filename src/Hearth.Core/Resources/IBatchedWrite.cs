using Hearth.Core.Addressing;
using Hearth.Core.Values;

namespace Hearth.Core.Resources;

/// <summary>
/// Offered by a kind whose changes are cheapest sent together (the record sets of one zone in one DNS UPDATE).
/// The applier lets the ready changes of one group run at once while they hold a single parallelism slot between
/// them, so the kind can gather what arrives together into one request.
/// </summary>
public interface IBatchedWrite
{
    /// <summary>Most changes that share one slot: about what one request of the kind can carry.</summary>
    int MaxBatchSize { get; }

    /// <summary>
    /// The group a change belongs to, from the attributes the plan gives it (after a creation or update, before a
    /// deletion); null when this object's changes are not sent together (its service takes one change per call).
    /// </summary>
    BatchKey? WriteBatchKeyOf(ResourceAddress address, MapValue attributes);
}
