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
    private readonly ConcurrentDictionary<ResourceAddress, Value> _single = new();
    private readonly ConcurrentDictionary<ResourceAddress, ConcurrentDictionary<string, Value>> _forEach = new();

    public ResourceValueTable(Lab lab, StateDocument state)
    {
        foreach (var resource in lab.Resources.Where(r => r.ForEach is not null))
            _forEach[resource.Address] = new ConcurrentDictionary<string, Value>(StringComparer.Ordinal);
        foreach (var instance in state.Resources.Values)
            Set(instance.Address, instance.Attributes);
    }

    public void Set(ResourceAddress instance, Value value)
    {
        if (_forEach.TryGetValue(instance.Resource, out var keys))
        {
            if (instance.Key is not null)
                keys[instance.Key] = value;
        }
        else if (instance.Key is null)
        {
            _single[instance] = value;
        }
    }

    public void Remove(ResourceAddress instance)
    {
        if (_forEach.TryGetValue(instance.Resource, out var keys))
            keys.TryRemove(instance.Key ?? "", out _);
        else
            _single.TryRemove(instance, out _);
    }

    /// <summary>Forgets every instance of a for_each resource before its instances are planned afresh.</summary>
    public void Clear(ResourceAddress resource)
    {
        if (_forEach.TryGetValue(resource, out var keys))
            keys.Clear();
    }

    /// <summary>One instance of a for_each resource, or null when it has none with that key.</summary>
    public Value? GetInstance(ResourceAddress resource, string key, out bool isForEach)
    {
        isForEach = _forEach.TryGetValue(resource, out var keys);
        return isForEach && keys!.TryGetValue(key, out var value) ? value : null;
    }

    /// <summary>A resource's value: its object, or for for_each a map of key → object. Unknown when nothing is known yet.</summary>
    public Value Get(ResourceAddress resource) =>
        _forEach.TryGetValue(resource, out var keys) ? Value.Map(keys)
        : _single.TryGetValue(resource, out var value) ? value
        : Value.Unknown;
}
