using Hearth.Core.State.Remote;
using Hearth.Storage.B2;
using Hearth.Storage.Postgres;
using Hearth.Storage.S3;

namespace Hearth.Storage;

/// <summary>What the storage module adds to Hearth: the remote state backends.</summary>
public sealed record StorageModule(IReadOnlyList<IRemoteStateKind> StateKinds)
{
    public static StorageModule Create() => new([new S3StateKind(), new B2StateKind(), new PostgresStateKind()]);
}
