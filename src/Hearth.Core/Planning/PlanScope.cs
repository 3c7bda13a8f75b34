using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Graph;
using Hearth.Core.Labs;
using Hearth.Core.State;

namespace Hearth.Core.Planning;

/// <summary>
/// Which resources a plan covers and in what order: everything, or with --target the targets plus what they
/// depend on (for destroy: plus what depends on them).
/// </summary>
internal sealed class PlanScope
{
    private readonly HashSet<ResourceAddress>? _resources;
    private readonly HashSet<ResourceAddress> _excluded = [];
    private readonly HashSet<ResourceAddress> _instanceTargets = [];
    private readonly HashSet<ResourceAddress> _resourcesWithInstanceTargets = [];

    public PlanScope(Lab lab, StateDocument prior, PlanOptions options)
    {
        Resolver = new ResourceReferenceResolver(lab.Resources.Select(r => r.Address));
        var graph = new DependencyGraph<ResourceAddress>();
        foreach (var resource in lab.Resources)
        {
            graph.AddNode(resource.Address);
            foreach (var dependency in resource.Dependencies)
                graph.AddEdge(resource.Address, dependency);
        }
        OrderedResources = [.. graph.TopologicalOrder()!.Select(a => lab.FindResource(a)!)];

        foreach (var address in options.Targets.Concat(options.Replace).Concat(options.Excludes))
        {
            if (lab.FindResource(address) is null && !prior.Resources.Keys.Any(k => k.Resource.Equals(address.Resource)))
                throw new PlanException($"{address} matches no resource in the lab or the state",
                    "check the address with `hearth state list` or in the lab (kind.name or kind.name[\"key\"])");
        }
        if (!options.IsPartial)
            return;

        foreach (var instance in prior.Resources.Values)
        {
            graph.AddNode(instance.Address.Resource);
            foreach (var dependency in instance.Dependencies)
                graph.AddEdge(instance.Address.Resource, dependency.Resource);
        }
        foreach (var target in options.Targets.Where(t => t.Key is not null))
        {
            _instanceTargets.Add(target);
            _resourcesWithInstanceTargets.Add(target.Resource);
        }
        var roots = options.Targets.Select(t => t.Resource).ToList();
        if (roots.Count > 0)
            _resources = options.Mode == PlanMode.Destroy ? graph.WithDependents(roots) : graph.WithDependencies(roots);
        // Leaving a resource out leaves out what cannot be planned without it.
        var excluded = options.Excludes.Select(e => e.Resource);
        _excluded = options.Mode == PlanMode.Destroy ? graph.WithDependencies(excluded) : graph.WithDependents(excluded);
    }

    public ResourceReferenceResolver Resolver { get; }

    /// <summary>The lab's resources, dependencies first.</summary>
    public IReadOnlyList<ResourceConfig> OrderedResources { get; }

    public bool IncludesResource(ResourceAddress resource) =>
        (_resources is null || _resources.Contains(resource.Resource)) && !_excluded.Contains(resource.Resource);

    /// <summary>With an instance target (<c>kind.name["key"]</c>), only that instance of its resource is planned.</summary>
    public bool IncludesInstance(ResourceAddress instance) =>
        IncludesResource(instance) &&
        (!_resourcesWithInstanceTargets.Contains(instance.Resource) || _instanceTargets.Contains(instance));

    public bool IncludesOrphan(ResourceAddress instance) => IncludesInstance(instance);

    public bool IncludesForRefresh(ResourceAddress instance) => IncludesResource(instance);

    public bool IncludesForDestroy(ResourceAddress instance) => IncludesInstance(instance);
}
