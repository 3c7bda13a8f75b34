using Hearth.Core.Addressing;
using Hearth.Core.Planning;
using Hearth.Core.State;

namespace Hearth.Core.Applying;

/// <summary>
/// The order of a plan's changes: creates and updates after what they depend on; a delete after everything that
/// depended on the deleted object has been deleted or changed to stop using it.
/// </summary>
internal sealed class ApplyGraph
{
    public ApplyGraph(IReadOnlyList<ResourceChange> changes, StateDocument prior)
    {
        Changes = changes;
        Dependencies = changes.Select(_ => new List<int>()).ToArray();
        Dependents = changes.Select(_ => new List<int>()).ToArray();

        var writesByResource = new Dictionary<ResourceAddress, List<int>>();
        var indexByAddress = new Dictionary<ResourceAddress, int>();
        for (var i = 0; i < changes.Count; i++)
        {
            indexByAddress[changes[i].Address] = i;
            if (changes[i].Action == ChangeAction.Delete)
                continue;
            if (!writesByResource.TryGetValue(changes[i].Address.Resource, out var list))
                writesByResource[changes[i].Address.Resource] = list = [];
            list.Add(i);
        }
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].Action == ChangeAction.Delete)
                continue;
            foreach (var dependency in changes[i].Dependencies)
            {
                if (writesByResource.TryGetValue(dependency.Resource, out var writers))
                    foreach (var writer in writers)
                        AddEdge(i, writer);
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
        for (var i = 0; i < changes.Count; i++)
        {
            if (!changes[i].Action.Deletes() || !usersByResource.TryGetValue(changes[i].Address.Resource, out var users))
                continue;
            foreach (var user in users)
            {
                if (changes[i].Action.IsReplace() && changes[indexByAddress.GetValueOrDefault(user, i)].Action != ChangeAction.Delete)
                    continue; // A replacement is one step; its dependents are ordered after it already.
                if (indexByAddress.TryGetValue(user, out var j) && j != i)
                    AddEdge(i, j);
            }
        }
    }

    public IReadOnlyList<ResourceChange> Changes { get; }

    /// <summary>For each change, the changes that must finish first.</summary>
    public List<int>[] Dependencies { get; }

    public List<int>[] Dependents { get; }

    private void AddEdge(int dependent, int dependency)
    {
        if (Dependencies[dependent].Contains(dependency))
            return;
        Dependencies[dependent].Add(dependency);
        Dependents[dependency].Add(dependent);
    }
}
