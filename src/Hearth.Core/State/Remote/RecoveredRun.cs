namespace Hearth.Core.State.Remote;

/// <summary>
/// Changes an interrupted run on this machine recorded in its recovery cache but never stored: the session that
/// found them continues from them and stores them.
/// </summary>
/// <param name="StoredSerial">The serial in the store (null when nothing was stored yet).</param>
/// <param name="RecoveredSerial">The serial the interrupted run had reached.</param>
/// <param name="Resources">How many resource instances the recovered state holds.</param>
/// <param name="CacheDirectory">Where the recovery cache was.</param>
public sealed record RecoveredRun(long? StoredSerial, long RecoveredSerial, int Resources, string CacheDirectory)
{
    /// <summary>How many recorded changes had not reached the store.</summary>
    public long Changes => RecoveredSerial - (StoredSerial ?? 0);
}
