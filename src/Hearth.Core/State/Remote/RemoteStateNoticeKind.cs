namespace Hearth.Core.State.Remote;

/// <summary>What a <see cref="RemoteStateNotice"/> reports.</summary>
public enum RemoteStateNoticeKind
{
    /// <summary>A run on this machine was interrupted before storing its changes; this run continues from them.</summary>
    RecoveredFromInterruptedRun,

    /// <summary>A recovery cache could not be used (another lineage, or the store moved on); what it held is named.</summary>
    DiscardedRecoveryCache,

    /// <summary>Encryption is on but the stored state is plain; the next write encrypts it.</summary>
    PlainStateWillBeEncrypted,

    /// <summary>A plain stored state has just been written encrypted.</summary>
    StateEncrypted,
}
