using System.Collections.Concurrent;
using Hearth.Core.Addressing;
using Hearth.Core.Labs;
using Hearth.Core.State;
using Hearth.Core.Values;

namespace Hearth.Core.Evaluation;

/// <summary>
/// The latest known value of every resource instance, as references see it: planned values while planning,
/// applied values during apply. Safe for concurrent readers and writers.
/// </summary>
public sealed class ResourceValueTable
{
    private readonly ConcurrentDictionary<ResourceAddress, ConcurrentDictionary<string, Value>> _instances = new();
    private readonly HashSet<ResourceAddress> _forEachResources;

    public ResourceValueTable(Lab lab, StateDocument state)
    {
        _forEachResources = [.. lab.Resources.Where(r => r.ForEach is not null).Select(r => r.Address)];
        foreach (var instance in state.Resources.Values)
            Set(instance.Address, instance.Attributes);
    }

    /// <summary>The key under which a non-for_each instance is kept.</summary>
    private const string SingleInstance = "";

    public void Set(ResourceAddress instance, Value value) =>
        _instances.GetOrAdd(instance.Resource, _ => new ConcurrentDictionary<string, Value>(StringComparer.Ordinal))[instance.Key ?? SingleInstance] = value;

    public void Remove(ResourceAddress instance)
    {
        if (_instances.TryGetValue(instance.Resource, out var keys))
            keys.TryRemove(instance.Key ?? SingleInstance, out _);
    }

    /// <summary>Forgets every instance of a resource before its instances are planned afresh.</summary>
    public void Clear(ResourceAddress resource) => _instances.TryRemove(resource, out _);

    /// <summary>A resource's value: its object, or for for_each a map of key → object. Unknown when nothing is known yet.</summary>
    public Value Get(ResourceAddress resource)
    {
        var found = _instances.TryGetValue(resource, out var keys);
        if (_forEachResources.Contains(resource))
            return found ? Value.Map(keys!.Where(k => k.Key != SingleInstance)) : Value.Map([]);
        return found && keys!.TryGetValue(SingleInstance, out var value) ? value : Value.Unknown;
    }
}
