using Hearth.Testing.RemoteState;

namespace Hearth.Core.Tests.State.Remote;

public sealed class InMemoryRemoteStateTests : RemoteStateStoreContract
{
    protected override Task<Func<RemoteStateClient>> NewLocationAsync()
    {
        var location = new InMemoryRemoteState();
        return Task.FromResult<Func<RemoteStateClient>>(location.Client);
    }
}
