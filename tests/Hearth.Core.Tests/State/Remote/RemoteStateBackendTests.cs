using Hearth.Core.Addressing;
using Hearth.Core.State;
using Hearth.Core.State.Remote;
using Hearth.Core.Values;
using Hearth.Testing.RemoteState;

namespace Hearth.Core.Tests.State.Remote;

/// <summary>The remote backend on the in-memory store: one partial per topic (locking, durability, checks, errored state, encryption).</summary>
public sealed partial class RemoteStateBackendTests : IDisposable
{
    private readonly string _lab = Path.Combine(Path.GetTempPath(), "hearth-remote-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly InMemoryRemoteState _remote = new();

    public RemoteStateBackendTests() => Directory.CreateDirectory(_lab);

    public void Dispose() => Directory.Delete(_lab, recursive: true);

    private static CancellationToken Token => CancellationToken.None;

    private RemoteStateBackend Backend(IStateEncryption? encryption = null, string? cacheRoot = null, IRemoteStateStore? store = null,
        Action<RemoteStateNotice>? notify = null) =>
        new(store ?? _remote, _remote, new RemoteStateOptions
        {
            LabDirectory = _lab,
            HearthVersion = "test",
            Encryption = encryption,
            CacheRoot = cacheRoot,
            Notify = notify,
        });

    /// <summary>The backend as another machine sees it: same store, its own recovery cache.</summary>
    private RemoteStateBackend OtherMachine(IStateEncryption? encryption = null) =>
        Backend(encryption, cacheRoot: Path.Combine(_lab, "other-machine-cache"));

    private static LockInfo Lock(string operation = "apply") => LockInfo.ForCurrentProcess(operation, "test", "test");

    private static StateChange Put(string address, string value) => new StateChange.PutResource(Instance(address, value));

    private static ResourceInstanceState Instance(string address, string value) => new(
        ResourceAddress.Parse(address), new MapValue(new ValueMap([KeyValuePair.Create("value", Value.String(value))])), []);

    private static string? ValueOf(StateDocument state, string address) =>
        state.Find(ResourceAddress.Parse(address))?.Attributes.Get("value")?.ToText();

    private static async Task<RemoteStateSession> OpenAsync(RemoteStateBackend backend, LockInfo? lockInfo = null, TimeSpan? timeout = null) =>
        (RemoteStateSession)await backend.OpenAsync(lockInfo ?? Lock(), timeout ?? TimeSpan.Zero, Token);

    /// <summary>Stores a state of <paramref name="count"/> resources through the backend, as an earlier run would.</summary>
    private async Task<StateDocument> SeedAsync(int count = 1, IStateEncryption? encryption = null)
    {
        await using var session = await OpenAsync(Backend(encryption));
        for (var i = 0; i < count; i++)
            await session.RecordAsync(Put($"data.seed{i}", $"seed-{i}"), Token);
        return session.Current;
    }
}
