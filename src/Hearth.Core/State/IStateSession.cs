namespace Hearth.Core.State;

/// <summary>
/// A locked, open state. Each recorded change is durable when <see cref="RecordAsync"/> returns, so a crash
/// loses nothing that was done; the serial grows by one per change.
/// </summary>
public interface IStateSession : IAsyncDisposable
{
    /// <summary>The state including every change recorded so far.</summary>
    StateDocument Current { get; }

    /// <summary>Records a change durably. Safe to call from several threads at once.</summary>
    Task RecordAsync(StateChange change, CancellationToken cancellationToken);

    /// <summary>
    /// Notes that an object is about to be created, so a crash before <see cref="RecordAsync"/> leaves it in the
    /// state as tainted (replaced on the next apply) rather than forgotten.
    /// </summary>
    Task RecordCreatingAsync(ResourceInstanceState planned, CancellationToken cancellationToken);

    /// <summary>Replaces the whole document (state push, rm, mv); the caller has checked lineage and serial.</summary>
    Task ReplaceAsync(StateDocument document, CancellationToken cancellationToken);

    /// <summary>Writes everything recorded into the backend's durable snapshot form.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
