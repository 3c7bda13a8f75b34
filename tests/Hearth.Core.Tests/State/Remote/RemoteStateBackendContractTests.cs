using Hearth.Core.State;
using Hearth.Core.State.Remote;
using Hearth.Testing.RemoteState;
using Hearth.Testing.State;

namespace Hearth.Core.Tests.State.Remote;

public sealed class RemoteStateBackendContractTests : StateBackendContract, IDisposable
{
    private readonly string _lab = Path.Combine(Path.GetTempPath(), "hearth-remote-contract-" + Guid.NewGuid().ToString("N")[..12]);

    protected override Func<IStateBackend> NewLocation()
    {
        var location = new InMemoryRemoteState();
        return () => new RemoteStateBackend(location, location, new RemoteStateOptions { LabDirectory = _lab, HearthVersion = "test" });
    }

    public void Dispose()
    {
        if (Directory.Exists(_lab))
            Directory.Delete(_lab, recursive: true);
    }
}
