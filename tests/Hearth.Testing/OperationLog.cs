using System.Collections.Concurrent;

namespace Hearth.Testing;

/// <summary>Every operation test resources performed, in the order they started, and the peak number running at once.</summary>
public sealed class OperationLog
{
    private readonly ConcurrentQueue<string> _entries = new();
    private int _running;
    private int _peak;

    public IReadOnlyList<string> Entries => [.. _entries];

    public int PeakConcurrency => _peak;

    public void Add(string entry) => _entries.Enqueue(entry);

    public IDisposable Running()
    {
        var now = Interlocked.Increment(ref _running);
        int peak;
        while (now > (peak = _peak) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
        return new Release(this);
    }

    /// <summary>The position of the first entry equal to <paramref name="entry"/>, or -1.</summary>
    public int IndexOf(string entry) => Entries.ToList().IndexOf(entry);

    private sealed class Release(OperationLog log) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref log._running);
    }
}
