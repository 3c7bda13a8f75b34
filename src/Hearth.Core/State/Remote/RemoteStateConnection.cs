namespace Hearth.Core.State.Remote;

/// <summary>Where a remote backend keeps the state, and the lock that guards it.</summary>
/// <param name="Warning">Something every run must say (the state is not locked at all, say); null when all is well.</param>
public sealed record RemoteStateConnection(IRemoteStateStore Store, IRemoteStateLock Lock, string? Warning = null);
