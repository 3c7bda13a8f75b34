namespace Hearth.Core.State;

/// <summary>Who holds a state lock, since when and for what; shown to anyone who finds the state locked.</summary>
public sealed record LockInfo(string Id, string Operation, string Who, DateTimeOffset Created, string Path, string Version, int ProcessId)
{
    public static LockInfo ForCurrentProcess(string operation, string path, string version) => new(
        Guid.NewGuid().ToString(),
        operation,
        $"{Environment.UserName}@{Environment.MachineName}",
        DateTimeOffset.UtcNow,
        path,
        version,
        Environment.ProcessId);
}
