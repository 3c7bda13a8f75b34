using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Hearth.Storage.Postgres;

/// <summary>
/// The 64-bit key of a PostgreSQL advisory lock: the first 8 bytes (big-endian) of the SHA-256 of
/// <c>hearth-state␀purpose␀schema␀workspace</c>. Every process on every machine computes the same key for the same
/// names, unlike <see cref="string.GetHashCode()"/>, which .NET randomises per process; the NUL separators keep
/// ("a", "bc") and ("ab", "c") apart, and 64 bits of a cryptographic hash make a collision with another lab's key
/// (or another application's advisory locks in the same database) negligible.
/// </summary>
internal readonly record struct AdvisoryLockKey(long Value)
{
    /// <summary>Held for the whole run by the lock's own session: this is the state lock.</summary>
    public static AdvisoryLockKey StateLock(string schema, string workspace) => Of("lock", schema, workspace);

    /// <summary>
    /// Taken per transaction around every look at or change of the lock, so that taking the advisory lock and
    /// writing its holder's row (or removing both) appear to others as one step.
    /// </summary>
    public static AdvisoryLockKey LockGate(string schema, string workspace) => Of("gate", schema, workspace);

    /// <summary>Taken per transaction while the schema and its tables are created, so concurrent first runs do not collide.</summary>
    public static AdvisoryLockKey SchemaCreation(string schema) => Of("schema", schema, "");

    /// <summary>The high half, as <c>pg_locks.classid</c> shows a bigint key.</summary>
    public uint ClassId => (uint)((ulong)Value >> 32);

    /// <summary>The low half, as <c>pg_locks.objid</c> shows a bigint key.</summary>
    public uint ObjectId => (uint)((ulong)Value & 0xffff_ffff);

    private static AdvisoryLockKey Of(string purpose, string schema, string workspace)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"hearth-state\0{purpose}\0{schema}\0{workspace}"));
        return new AdvisoryLockKey(BinaryPrimitives.ReadInt64BigEndian(hash));
    }
}
