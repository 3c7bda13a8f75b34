namespace Hearth.Core.State.Remote;

/// <summary>Where a remote backend keeps the state, and the lock that guards it.</summary>
public sealed record RemoteStateConnection(IRemoteStateStore Store, IRemoteStateLock Lock);
