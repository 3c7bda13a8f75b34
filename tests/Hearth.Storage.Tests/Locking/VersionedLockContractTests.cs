using Hearth.Storage.Locking;
using Hearth.Testing.RemoteState;

namespace Hearth.Storage.Tests.Locking;

/// <summary>The remote state contract for the versioned lock protocol alone, over versions held in memory.</summary>
public sealed class VersionedLockContractTests : RemoteStateStoreContract
{
    protected override Task<Func<RemoteStateClient>> NewLocationAsync()
    {
        var store = new InMemoryRemoteState();
        var versions = new InMemoryObjectVersions();
        return Task.FromResult<Func<RemoteStateClient>>(() =>
            new RemoteStateClient(store, new VersionedLock(versions, "memory", TimeSpan.FromMilliseconds(50))));
    }
}
