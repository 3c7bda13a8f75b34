namespace Hearth.Core.State.Local;

/// <summary>The files of a local state, all beside the snapshot.</summary>
public sealed record LocalStatePaths(string Snapshot)
{
    public string Journal => Snapshot + ".journal";
    public string Backup => Snapshot + ".backup";
    public string LockFile => Snapshot + ".lock";
    public string LockInfo => Snapshot + ".lock.info";
    public string Directory => Path.GetDirectoryName(Path.GetFullPath(Snapshot))!;
}
