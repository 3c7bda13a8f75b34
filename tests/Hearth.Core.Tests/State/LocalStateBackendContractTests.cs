using Hearth.Core.State;
using Hearth.Core.State.Local;
using Hearth.Testing.State;

namespace Hearth.Core.Tests.State;

public sealed class LocalStateBackendContractTests : StateBackendContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hearth-local-contract-" + Guid.NewGuid().ToString("N")[..12]);

    protected override Func<IStateBackend> NewLocation() => () => new LocalStateBackend(Path.Combine(_directory, "state.json"), "test");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
