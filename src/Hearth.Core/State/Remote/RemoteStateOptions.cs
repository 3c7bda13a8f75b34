namespace Hearth.Core.State.Remote;

/// <summary>How a <see cref="RemoteStateBackend"/> works on this machine, beside the store and lock it is given.</summary>
public sealed record RemoteStateOptions
{
    /// <summary>The lab's directory: <c>errored.hearth-state</c> is written here, and the recovery cache under <c>.hearth/remote/</c>.</summary>
    public required string LabDirectory { get; init; }

    /// <summary>Written into every state document (<c>hearth_version</c>).</summary>
    public required string HearthVersion { get; init; }

    /// <summary>Encryption at rest; null stores the state as plain JSON (and reads an encrypted one as an error).</summary>
    public IStateEncryption? Encryption { get; init; }

    /// <summary>Called with each notice as it happens (the CLI prints them); sessions also keep them in <see cref="RemoteStateSession.Notices"/>.</summary>
    public Action<RemoteStateNotice>? Notify { get; init; }

    /// <summary>Where the recovery caches live; <c>LabDirectory/.hearth/remote</c> when null.</summary>
    public string? CacheRoot { get; init; }

    internal string CacheRootPath => Path.GetFullPath(CacheRoot ?? Path.Combine(".hearth", "remote"), Path.GetFullPath(LabDirectory));

    internal string ErroredStatePath => Path.Combine(Path.GetFullPath(LabDirectory), RemoteStateBackend.ErroredStateFileName);
}
