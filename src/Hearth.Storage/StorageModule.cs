using Hearth.Core.Labs;
using Hearth.Core.Resources;
using Hearth.Core.State.Remote;
using Hearth.Storage.B2;
using Hearth.Storage.Lab;
using Hearth.Storage.Postgres;
using Hearth.Storage.Resources;
using Hearth.Storage.S3;

namespace Hearth.Storage;

/// <summary>
/// What the storage module adds to Hearth: the remote state backends, the <c>b2_bucket</c> and <c>b2_key</c> kinds
/// and the lab's <c>storage:</c> section.
/// </summary>
public sealed record StorageModule(IReadOnlyList<IRemoteStateKind> StateKinds, IReadOnlyList<ResourceType> Kinds, IReadOnlyList<ILabSection> Sections)
{
    /// <param name="environment">Where the age identities that open a key's SOPS file come from (SOPS_AGE_KEY…).</param>
    public static StorageModule Create(IReadOnlyDictionary<string, string> environment) => Create(new B2Accounts(), environment);

    /// <param name="accounts">Reaches B2; a test's is built around a fake.</param>
    /// <param name="environment">Where the age identities that open a key's SOPS file come from (SOPS_AGE_KEY…).</param>
    public static StorageModule Create(B2Accounts accounts, IReadOnlyDictionary<string, string> environment)
    {
        var buckets = new B2BucketResourceType(accounts);
        var keys = new B2KeyResourceType(accounts, environment);
        return new([new S3StateKind(), new B2StateKind(), new PostgresStateKind()], [buckets, keys], [new StorageSection(buckets, keys)]);
    }
}
