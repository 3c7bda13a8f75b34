using Hearth.Core.State.Local;

namespace Hearth.Core.State.Remote;

/// <summary>A session on the recovery cache, the state it starts from, and what was found there.</summary>
/// <param name="SetAside">An interrupted run's state that no longer continues the stored one; the caller saves it for the user.</param>
internal sealed record RecoveryCacheOpened(LocalStateSession Session, StateDocument Start, RecoveredRun? Recovered, StateDocument? SetAside);
