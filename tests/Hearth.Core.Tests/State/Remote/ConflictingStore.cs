using Hearth.Core.State.Remote;
using Hearth.Testing.RemoteState;

namespace Hearth.Core.Tests.State.Remote;

/// <summary>A store where another writer slips in between the backend's last read and its write, so compare-and-swap refuses the write.</summary>
internal sealed class ConflictingStore(InMemoryRemoteState inner, byte[] interloper) : IRemoteStateStore
{
    public string Location => inner.Location;

    public Task<StoredState?> ReadAsync(CancellationToken cancellationToken) => inner.ReadAsync(cancellationToken);

    public Task<string> WriteAsync(byte[] content, string? expectedVersion, CancellationToken cancellationToken)
    {
        inner.StoreBehindTheLock(interloper);
        return inner.WriteAsync(content, expectedVersion, cancellationToken);
    }
}
