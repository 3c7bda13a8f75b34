using Hearth.Core.State.Remote;

namespace Hearth.Testing.RemoteState;

/// <summary>One client's view of a remote state location: its store and its lock, as one run would hold them.</summary>
public sealed record RemoteStateClient(IRemoteStateStore Store, IRemoteStateLock Lock);
