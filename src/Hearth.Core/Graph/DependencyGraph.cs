namespace Hearth.Core.Graph;

/// <summary>A directed graph of "depends on" edges, with ordering, cycle finding and reachability.</summary>
public sealed class DependencyGraph<T> where T : notnull
{
    private readonly Dictionary<T, HashSet<T>> _dependencies = [];
    private readonly Dictionary<T, HashSet<T>> _dependents = [];

    public IReadOnlyCollection<T> Nodes => _dependencies.Keys;

    public void AddNode(T node)
    {
        _dependencies.TryAdd(node, []);
        _dependents.TryAdd(node, []);
    }

    /// <summary>Records that <paramref name="dependent"/> depends on <paramref name="dependency"/>.</summary>
    public void AddEdge(T dependent, T dependency)
    {
        AddNode(dependent);
        AddNode(dependency);
        _dependencies[dependent].Add(dependency);
        _dependents[dependency].Add(dependent);
    }

    public IReadOnlySet<T> DependenciesOf(T node) => _dependencies[node];

    public IReadOnlySet<T> DependentsOf(T node) => _dependents[node];

    /// <summary>Dependencies before dependents; ties keep the order nodes were added in. Null when there is a cycle.</summary>
    public IReadOnlyList<T>? TopologicalOrder()
    {
        var remaining = _dependencies.ToDictionary(e => e.Key, e => e.Value.Count);
        var ready = new Queue<T>(remaining.Where(e => e.Value == 0).Select(e => e.Key));
        var order = new List<T>(remaining.Count);
        while (ready.TryDequeue(out var node))
        {
            order.Add(node);
            foreach (var dependent in _dependents[node])
            {
                if (--remaining[dependent] == 0)
                    ready.Enqueue(dependent);
            }
        }
        return order.Count == remaining.Count ? order : null;
    }

    /// <summary>One cycle as a path that starts and ends at the same node, or null when the graph is acyclic.</summary>
    public IReadOnlyList<T>? FindCycle()
    {
        var state = new Dictionary<T, int>(); // 1 = on the current path, 2 = done
        var path = new List<T>();
        foreach (var start in _dependencies.Keys)
        {
            var cycle = Visit(start, state, path);
            if (cycle is not null)
                return cycle;
        }
        return null;
    }

    private List<T>? Visit(T node, Dictionary<T, int> state, List<T> path)
    {
        if (state.TryGetValue(node, out var mark))
        {
            if (mark == 2)
                return null;
            var start = path.IndexOf(node);
            return [.. path.Skip(start), node];
        }
        state[node] = 1;
        path.Add(node);
        foreach (var dependency in _dependencies[node])
        {
            var cycle = Visit(dependency, state, path);
            if (cycle is not null)
                return cycle;
        }
        path.RemoveAt(path.Count - 1);
        state[node] = 2;
        return null;
    }

    /// <summary>The nodes and everything they depend on, transitively.</summary>
    public HashSet<T> WithDependencies(IEnumerable<T> nodes) => Closure(nodes, _dependencies);

    /// <summary>The nodes and everything that depends on them, transitively.</summary>
    public HashSet<T> WithDependents(IEnumerable<T> nodes) => Closure(nodes, _dependents);

    private static HashSet<T> Closure(IEnumerable<T> nodes, Dictionary<T, HashSet<T>> edges)
    {
        var seen = new HashSet<T>();
        var stack = new Stack<T>(nodes);
        while (stack.TryPop(out var node))
        {
            if (!seen.Add(node) || !edges.TryGetValue(node, out var next))
                continue;
            foreach (var n in next)
                stack.Push(n);
        }
        return seen;
    }
}
