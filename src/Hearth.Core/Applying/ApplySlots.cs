using Hearth.Core.Resources;

namespace Hearth.Core.Applying;

/// <summary>
/// The apply's parallelism slots. A change takes a slot of its own, unless it belongs to a write batch
/// (<see cref="IBatchedWrite"/>) whose group is already running with room left: it then shares that group's slot.
/// A group's slot is released when its last member finishes.
/// </summary>
internal sealed class ApplySlots(int parallelism) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, parallelism));
    private readonly Lock _gate = new();
    private readonly Dictionary<BatchKey, Group> _open = [];

    /// <summary>Waits for a slot (or a place in a running group) and returns what gives it back.</summary>
    public async Task<Action> EnterAsync(BatchKey? batch, int maxBatchSize, CancellationToken cancellationToken)
    {
        if (batch is not { } key)
        {
            await _slots.WaitAsync(cancellationToken);
            return () => _slots.Release();
        }
        lock (_gate)
        {
            if (TryJoin(key, maxBatchSize) is { } joined)
                return joined;
        }
        await _slots.WaitAsync(cancellationToken);
        lock (_gate)
        {
            if (TryJoin(key, maxBatchSize) is { } joined)
            {
                _slots.Release(); // A group with room opened while this one waited: share it instead.
                return joined;
            }
            var group = new Group(key) { Members = 1 };
            _open[key] = group;
            return () => Leave(group);
        }
    }

    private Action? TryJoin(BatchKey key, int maxBatchSize)
    {
        if (!_open.TryGetValue(key, out var group) || group.Members >= maxBatchSize)
            return null;
        group.Members++;
        return () => Leave(group);
    }

    private void Leave(Group group)
    {
        lock (_gate)
        {
            if (--group.Members > 0)
                return;
            if (_open.TryGetValue(group.Key, out var open) && open == group)
                _open.Remove(group.Key);
        }
        _slots.Release();
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Group(BatchKey key)
    {
        public BatchKey Key => key;

        public int Members { get; set; }
    }
}
