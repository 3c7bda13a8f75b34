namespace Hearth.Core.State.Remote;

/// <summary>
/// Where a remote backend keeps the state's bytes. A store knows nothing of the document inside: the remote
/// backend above it serialises and encrypts, and checks lineage and serial, so each store only moves bytes.
/// </summary>
public interface IRemoteStateStore
{
    /// <summary>Where the state is, for messages (<c>s3 bucket hearth-state, key home/state.json at https://…</c>).</summary>
    string Location { get; }

    /// <summary>The stored state, or null when nothing is stored yet.</summary>
    /// <exception cref="Diagnostics.StateException">The store cannot be reached or refuses (credentials, missing bucket).</exception>
    Task<StoredState?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="content"/> and returns its new version tag. <paramref name="expectedVersion"/> is the
    /// tag last read (null: nothing was stored). A store that can compare-and-swap refuses when the stored version
    /// differs; one that cannot relies on the lock alone.
    /// </summary>
    /// <exception cref="StateConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="Diagnostics.StateException">The store cannot be reached or refuses the write.</exception>
    Task<string> WriteAsync(byte[] content, string? expectedVersion, CancellationToken cancellationToken);
}
