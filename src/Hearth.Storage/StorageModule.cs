using Hearth.Core.State.Remote;
using Hearth.Storage.Postgres;

namespace Hearth.Storage;

/// <summary>What the storage module adds to Hearth: the remote state backends.</summary>
public sealed record StorageModule(IReadOnlyList<IRemoteStateKind> StateKinds)
{
    public static StorageModule Create() => new([new PostgresStateKind()]);
}
