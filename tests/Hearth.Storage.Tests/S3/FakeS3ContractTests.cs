using Hearth.Storage.S3;
using Hearth.Testing.RemoteState;
using Hearth.Testing.S3;

namespace Hearth.Storage.Tests.S3;

/// <summary>The remote state contract on <see cref="FakeS3Server"/>, each test on its own server; subclasses say how the server behaves.</summary>
public abstract class FakeS3ContractTests : RemoteStateStoreContract, IAsyncLifetime
{
    protected const string Bucket = "hearth-state";

    private readonly List<S3RemoteState> _opened = [];
    private FakeS3Server? _fake;

    protected FakeS3Server Fake => _fake ?? throw new InvalidOperationException("the fake starts in InitializeAsync");

    protected abstract FakeS3ConditionalWrites ConditionalWrites { get; }

    protected abstract bool VersionedBucket { get; }

    protected abstract S3LockMode LockMode { get; }

    public async Task InitializeAsync()
    {
        _fake = await FakeS3Server.StartAsync();
        _fake.ConditionalWrites = ConditionalWrites;
        _fake.CreateBucket(Bucket, VersionedBucket);
    }

    public async Task DisposeAsync()
    {
        lock (_opened)
        {
            foreach (var state in _opened)
                state.Dispose();
        }
        await Fake.DisposeAsync();
    }

    protected override Task<Func<RemoteStateClient>> NewLocationAsync()
    {
        var options = S3TestOptions.OnFake(Fake, Bucket, LockMode);
        return Task.FromResult<Func<RemoteStateClient>>(() =>
        {
            var state = S3RemoteState.Connect(options, LockMode);
            lock (_opened)
                _opened.Add(state);
            return new RemoteStateClient(state.Store, state.Lock);
        });
    }
}
