using Hearth.Core.Diagnostics;
using Hearth.Core.State.Remote;
using Hearth.Core.Values;
using Hearth.Storage.Locking;
using Hearth.Storage.State;

namespace Hearth.Storage.B2;

/// <summary>
/// <c>state: { backend: b2, bucket, key, application_key_id, application_key }</c>: B2's native API, locked with the
/// versioned lock protocol (B2 has no conditional write).
/// </summary>
public sealed class B2StateKind : IRemoteStateKind
{
    public string Backend => "b2";

    public IReadOnlyList<string> Settings { get; } = ["bucket", "key", "application_key_id", "application_key", "endpoint", "lock_settle_delay"];

    public Task<RemoteStateConnection> ConnectAsync(MapValue settings, CancellationToken cancellationToken)
    {
        var reader = new StateSettingsReader(Backend, settings);
        var options = new B2StateOptions(reader.Required("bucket"), reader.Required("key"), reader.Required("application_key_id"), reader.Required("application_key"))
        {
            Endpoint = reader.Optional("endpoint") is { } endpoint
                ? Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri : throw new StateException($"state.endpoint `{endpoint}` is not a URL", null)
                : null,
        };
        var store = new B2StateStore(options);
        return Task.FromResult(new RemoteStateConnection(store, new VersionedLock(store.LockVersions, store.Location, reader.Seconds("lock_settle_delay", VersionedLock.DefaultSettleDelay))));
    }
}
