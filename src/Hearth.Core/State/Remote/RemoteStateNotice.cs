namespace Hearth.Core.State.Remote;

/// <summary>Something a remote backend did that the user should hear about; <see cref="Message"/> is ready to print.</summary>
public sealed record RemoteStateNotice(RemoteStateNoticeKind Kind, string Message);
