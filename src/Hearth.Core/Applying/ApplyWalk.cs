using Hearth.Core.Planning;
using Hearth.Core.Resources;

namespace Hearth.Core.Applying;

/// <summary>
/// Runs the nodes of an <see cref="ApplyGraph"/> as their dependencies finish, at most <c>parallelism</c> at once.
/// A node whose dependency failed or was skipped is skipped; once stopping is requested nothing new starts. Changes
/// of one write batch (<paramref name="batchOf"/>) share a slot, so their kind can send them together.
/// </summary>
internal sealed class ApplyWalk(ApplyGraph graph, int parallelism, Func<ResourceChange, Task<bool>> execute, Action<ResourceChange, string> skipped,
    Func<ResourceChange, (BatchKey Key, int MaxSize)?> batchOf)
{
    private readonly Lock _gate = new();
    private ApplySlots _slots = null!;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int[] _waitingOn = [];
    private bool[] _blocked = [];
    private int _outstanding;

    public async Task RunAsync(CancellationToken stopScheduling)
    {
        var count = graph.Nodes.Count;
        if (count == 0)
            return;
        _waitingOn = [.. graph.Dependencies.Select(d => d.Count)];
        _blocked = new bool[count];
        _outstanding = count;
        using var slots = new ApplySlots(parallelism);
        _slots = slots;
        var roots = Enumerable.Range(0, count).Where(i => _waitingOn[i] == 0).ToList();
        foreach (var node in roots)
            Start(node, stopScheduling);
        await _done.Task;
    }

    private void Start(int node, CancellationToken stopScheduling)
    {
        if (graph.Nodes[node] is not { } change)
        {
            Finish(node, true, stopScheduling); // A barrier: everything it waited for succeeded.
            return;
        }
        _ = Task.Run(async () =>
        {
            var succeeded = false;
            var started = false;
            try
            {
                var batch = batchOf(change);
                var release = await _slots.EnterAsync(batch?.Key, batch?.MaxSize ?? 1, stopScheduling);
                try
                {
                    if (!stopScheduling.IsCancellationRequested)
                    {
                        started = true;
                        succeeded = await execute(change);
                    }
                }
                finally
                {
                    release();
                }
            }
            catch (OperationCanceledException)
            {
                // Stopping: this node never started.
            }
            catch (Exception)
            {
                succeeded = false; // Whatever failed was reported by execute; the walk must still finish.
            }
            finally
            {
                if (!started)
                    Report(change, "the run was interrupted before it started");
                Finish(node, succeeded, stopScheduling);
            }
        }, CancellationToken.None);
    }

    private void Report(ResourceChange change, string reason)
    {
        try
        {
            skipped(change, reason);
        }
        catch (Exception)
        {
            // An observer's failure must not stop the walk.
        }
    }

    private void Finish(int node, bool succeeded, CancellationToken stopScheduling)
    {
        // Iterative, so a long chain of skipped dependents cannot exhaust the stack.
        var finished = new Stack<(int Node, bool Succeeded)>();
        finished.Push((node, succeeded));
        while (finished.TryPop(out var current))
        {
            var ready = new List<int>();
            lock (_gate)
            {
                foreach (var dependent in graph.Dependents[current.Node])
                {
                    if (!current.Succeeded)
                        _blocked[dependent] = true;
                    if (--_waitingOn[dependent] != 0)
                        continue;
                    if (_blocked[dependent])
                        finished.Push((dependent, false));
                    else
                        ready.Add(dependent);
                }
            }
            if (current.Node != node && graph.Nodes[current.Node] is { } skippedChange)
                Report(skippedChange, "a resource it depends on was not applied");
            foreach (var dependent in ready)
                Start(dependent, stopScheduling);
            if (Interlocked.Decrement(ref _outstanding) == 0)
                _done.TrySetResult();
        }
    }
}
