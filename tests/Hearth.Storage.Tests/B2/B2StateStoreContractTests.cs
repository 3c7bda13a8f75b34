using Hearth.Storage.Locking;
using Hearth.Testing.B2;
using Hearth.Testing.RemoteState;

namespace Hearth.Storage.Tests.B2;

/// <summary>The remote state contract on the B2 store, locked with the versions of its lock file.</summary>
public sealed class B2StateStoreContractTests : RemoteStateStoreContract, IDisposable
{
    private readonly FakeB2 _fake = new();
    private readonly List<IDisposable> _opened = [];

    /// <summary>B2 has no conditional upload: the lock guards writes (the store's own pre-write check is tested apart).</summary>
    protected override bool ComparesAndSwaps => false;

    protected override Task<Func<RemoteStateClient>> NewLocationAsync()
    {
        var bucket = $"hearth-state-{Guid.NewGuid():N}"[..30];
        _fake.AddBucket(bucket);
        return Task.FromResult<Func<RemoteStateClient>>(() =>
        {
            var store = B2TestConnections.Store(_fake, bucket, "home/state.json");
            _opened.Add(store);
            return new RemoteStateClient(store, new VersionedLock(store.LockVersions, store.Location, TimeSpan.FromMilliseconds(50)));
        });
    }

    public void Dispose()
    {
        foreach (var opened in _opened)
            opened.Dispose();
        _fake.Dispose();
    }
}
