using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Planning;
using Hearth.Core.State;

namespace Hearth.Core.Applying;

/// <summary>
/// The order of a plan's changes: creates and updates after what they depend on; a delete after everything that
/// depended on the deleted object has been deleted or changed to stop using it. Dependencies on a resource go
/// through one barrier node per resource (null in <see cref="Nodes"/>), so a for_each resource of N instances
/// depending on another of N costs 2N edges, not N².
/// </summary>
internal sealed class ApplyGraph
{
    private readonly HashSet<(int, int)> _edges = [];

    /// <exception cref="PlanException">The changes cannot be ordered (a dependency cycle between deletions and updates).</exception>
    public ApplyGraph(IReadOnlyList<ResourceChange> changes, StateDocument prior)
    {
        var nodes = new List<ResourceChange?>(changes);
        var indexByAddress = new Dictionary<ResourceAddress, int>();
        var barriers = new Dictionary<ResourceAddress, int>();
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].DeposedKey is not null)
                continue; // Already replaced: nothing uses a deposed object, so its delete waits for nothing.
            indexByAddress[changes[i].Address] = i;
            if (changes[i].Action == ChangeAction.Delete)
                continue;
            if (!barriers.TryGetValue(changes[i].Address.Resource, out var barrier))
            {
                barriers[changes[i].Address.Resource] = barrier = nodes.Count;
                nodes.Add(null);
            }
        }
        Nodes = nodes;
        Dependencies = [.. nodes.Select(_ => new List<int>())];
        Dependents = [.. nodes.Select(_ => new List<int>())];

        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].Action == ChangeAction.Delete)
                continue;
            AddEdge(barriers[changes[i].Address.Resource], i);
            foreach (var dependency in changes[i].Dependencies)
            {
                if (barriers.TryGetValue(dependency.Resource, out var barrier))
                    AddEdge(i, barrier);
            }
        }

        // Who used each resource when the state was written: they must let go before it is deleted.
        var usersByResource = new Dictionary<ResourceAddress, List<ResourceAddress>>();
        foreach (var instance in prior.Resources.Values)
        {
            foreach (var dependency in instance.Dependencies)
            {
                if (!usersByResource.TryGetValue(dependency.Resource, out var users))
                    usersByResource[dependency.Resource] = users = [];
                users.Add(instance.Address);
            }
        }
        var deferred = new List<(int Delete, int User)>();
        for (var i = 0; i < changes.Count; i++)
        {
            if (!changes[i].Action.Deletes() || changes[i].DeposedKey is not null || !usersByResource.TryGetValue(changes[i].Address.Resource, out var users))
                continue;
            foreach (var user in users)
            {
                if (!indexByAddress.TryGetValue(user, out var j) || j == i)
                    continue;
                if (changes[j].Action == ChangeAction.Delete)
                    AddEdge(i, j);
                else if (!changes[i].Action.IsReplace())
                    deferred.Add((i, j)); // A replacement is one step; its dependents are ordered after it already.
            }
        }
        // "Delete after the user stops using it" is a preference: where the user now depends on something that
        // waits for this delete, honouring it would deadlock, so it is dropped.
        foreach (var (delete, user) in deferred)
        {
            if (!Reaches(user, delete))
                AddEdge(delete, user);
        }
        EnsureAcyclic();
    }

    /// <summary>The changes, and null for barrier nodes (which do nothing but wait).</summary>
    public IReadOnlyList<ResourceChange?> Nodes { get; }

    /// <summary>For each node, the nodes that must finish first.</summary>
    public List<int>[] Dependencies { get; }

    public List<int>[] Dependents { get; }

    private void AddEdge(int dependent, int dependency)
    {
        if (!_edges.Add((dependent, dependency)))
            return;
        Dependencies[dependent].Add(dependency);
        Dependents[dependency].Add(dependent);
    }

    /// <summary>True when <paramref name="from"/> waits, directly or not, for <paramref name="target"/>.</summary>
    private bool Reaches(int from, int target)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>([from]);
        while (stack.TryPop(out var node))
        {
            if (node == target)
                return true;
            if (!seen.Add(node))
                continue;
            foreach (var next in Dependencies[node])
                stack.Push(next);
        }
        return false;
    }

    private void EnsureAcyclic()
    {
        var waiting = Dependencies.Select(d => d.Count).ToArray();
        var ready = new Queue<int>(Enumerable.Range(0, waiting.Length).Where(i => waiting[i] == 0));
        var done = 0;
        while (ready.TryDequeue(out var node))
        {
            done++;
            foreach (var dependent in Dependents[node])
            {
                if (--waiting[dependent] == 0)
                    ready.Enqueue(dependent);
            }
        }
        if (done == waiting.Length)
            return;
        var stuck = Enumerable.Range(0, waiting.Length).Where(i => waiting[i] > 0 && Nodes[i] is not null).Select(i => Nodes[i]!.Address.ToString()).Take(5);
        throw new PlanException($"the changes cannot be ordered: {string.Join(", ", stuck)} wait for each other",
            "apply in two steps: first with --target on the resources being changed, then the rest");
    }
}
