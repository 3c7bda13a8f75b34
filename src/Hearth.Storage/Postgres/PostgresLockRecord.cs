using Hearth.Core.State;

namespace Hearth.Storage.Postgres;

/// <summary>
/// A row of the lock table: who took the lock (<see cref="Info"/>, null when the stored details do not parse) and
/// the PostgreSQL backend whose session holds the advisory lock. The row outlives a killed run; the advisory lock
/// does not, so the row is believed only while that backend holds the lock.
/// </summary>
internal sealed record PostgresLockRecord(string LockId, LockInfo? Info, int BackendPid);
