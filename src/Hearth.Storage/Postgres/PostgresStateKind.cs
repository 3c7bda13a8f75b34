using Hearth.Core.State.Remote;
using Hearth.Core.Values;
using Hearth.Storage.State;

namespace Hearth.Storage.Postgres;

/// <summary><c>state: { backend: postgres, conn_str: "Host=…", schema: hearth, workspace: default }</c>.</summary>
public sealed class PostgresStateKind : IRemoteStateKind
{
    public string Backend => "postgres";

    public IReadOnlyList<string> Settings { get; } = ["conn_str", "schema", "workspace"];

    public Task<RemoteStateConnection> ConnectAsync(MapValue settings, CancellationToken cancellationToken)
    {
        var reader = new StateSettingsReader(Backend, settings);
        var options = new PostgresStateOptions(reader.Required("conn_str"), reader.Optional("schema") ?? "hearth", reader.Optional("workspace") ?? "default");
        return Task.FromResult(new RemoteStateConnection(new PostgresStateStore(options), new PostgresStateLock(options)));
    }
}
