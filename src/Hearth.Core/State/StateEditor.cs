using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;

namespace Hearth.Core.State;

/// <summary>The edits of <c>hearth state rm|mv|push</c>, checked so they cannot lose or merge objects by accident.</summary>
public static class StateEditor
{
    /// <summary>Forgets the instances at <paramref name="addresses"/> (a resource address forgets all its instances). The objects are left alone.</summary>
    /// <exception cref="StateException">An address matches nothing.</exception>
    public static (StateDocument State, IReadOnlyList<ResourceAddress> Removed) Remove(StateDocument state, IEnumerable<ResourceAddress> addresses)
    {
        var removed = new List<ResourceAddress>();
        foreach (var address in addresses)
        {
            var matches = Matches(state, address);
            if (matches.Count == 0)
                throw new StateException($"{address} is not in the state", "list what is with `hearth state list`");
            foreach (var match in matches)
            {
                state = state.With(new StateChange.RemoveResource(match));
                removed.Add(match);
            }
            state = state with { Deposed = state.Deposed.RemoveAll(d => matches.Contains(d.Address)) };
        }
        return (state with { Serial = state.Serial + 1 }, removed);
    }

    /// <summary>Renames instances: a resource to a resource (all instances, keys kept) or one instance to another address.</summary>
    /// <exception cref="StateException">The source is missing, the destination is taken, or the kinds differ.</exception>
    public static (StateDocument State, IReadOnlyList<(ResourceAddress From, ResourceAddress To)> Moved) Move(StateDocument state, ResourceAddress from, ResourceAddress to)
    {
        if (from.Kind != to.Kind)
            throw new StateException($"cannot move {from} to {to}: the kinds differ", "an object keeps its kind; move it to a `" + from.Kind + ".…` address");
        var sources = Matches(state, from);
        if (sources.Count == 0)
            throw new StateException($"{from} is not in the state", "list what is with `hearth state list`");
        var moves = sources.Select(s => (From: s, To: from.Key is null && to.Key is null ? to.WithKey(s.Key) : to)).ToList();
        if (moves.Select(m => m.To).Distinct().Count() != moves.Count)
            throw new StateException($"cannot move several instances of {from} onto the single address {to}", "move them one at a time, each to its own key");
        foreach (var (_, destination) in moves)
        {
            if (state.Find(destination) is not null && !sources.Contains(destination))
                throw new StateException($"cannot move to {destination}: it is already in the state", "remove or move that one first");
        }
        foreach (var (source, destination) in moves)
        {
            var instance = state.Find(source)!;
            state = state.With(new StateChange.RemoveResource(source));
            state = state.With(new StateChange.PutResource(instance with { Address = destination }));
        }
        var destinations = moves.ToDictionary(m => m.From, m => m.To);
        state = state with
        {
            Deposed = [.. state.Deposed.Select(d => destinations.TryGetValue(d.Address, out var to) ? d with { Instance = d.Instance with { Address = to } } : d)],
        };
        if (from.Key is null && to.Key is null)
        {
            // Whatever depended on the old resource now depends on it under its new name.
            foreach (var instance in state.Resources.Values.Where(i => i.Dependencies.Contains(from)).ToList())
                state = state.With(new StateChange.PutResource(instance with
                {
                    Dependencies = [.. instance.Dependencies.Select(d => d.Equals(from) ? to : d)],
                }));
        }
        return (state with { Serial = state.Serial + 1 }, moves);
    }

    /// <summary>The state to write when pushing <paramref name="incoming"/> over <paramref name="current"/>.</summary>
    /// <exception cref="StateException">Another lineage, or an older serial, without <paramref name="force"/>.</exception>
    public static StateDocument Push(StateDocument current, StateDocument incoming, bool force)
    {
        if (!force && !current.IsEmpty && incoming.Lineage != current.Lineage)
            throw new StateException($"the pushed state belongs to another lab (lineage {incoming.Lineage}, this state has {current.Lineage})",
                "check you are pushing the right file; --force overwrites anyway");
        if (!force && incoming.Serial < current.Serial)
            throw new StateException($"the pushed state is older than the current one (serial {incoming.Serial} < {current.Serial})",
                "pull the current state and merge by hand; --force overwrites anyway");
        return incoming with { Serial = Math.Max(incoming.Serial, current.Serial) + 1 };
    }

    private static List<ResourceAddress> Matches(StateDocument state, ResourceAddress address) =>
        address.Key is not null
            ? state.Find(address) is null ? [] : [address]
            : [.. state.Resources.Keys.Where(k => k.Resource.Equals(address))];
}
