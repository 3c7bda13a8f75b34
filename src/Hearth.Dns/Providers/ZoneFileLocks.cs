using System.Collections.Concurrent;

namespace Hearth.Dns.Providers;

/// <summary>One writer at a time per zone file, across every record of a run.</summary>
internal sealed class ZoneFileLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public SemaphoreSlim For(string path) => _gates.GetOrAdd(Path.GetFullPath(path), _ => new SemaphoreSlim(1, 1));
}
