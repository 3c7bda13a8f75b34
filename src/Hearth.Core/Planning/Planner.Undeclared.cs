using Hearth.Core.Addressing;
using Hearth.Core.Evaluation;
using Hearth.Core.Labs;
using Hearth.Core.Resources;
using Hearth.Core.State;

namespace Hearth.Core.Planning;

public sealed partial class Planner
{
    /// <summary>
    /// Deletions of objects found in spaces the lab manages whole but does not declare (see
    /// <see cref="IDiscoversUndeclared"/>). They are planned like any other deletion, so the plan shows each one.
    /// </summary>
    private static async Task<List<ResourceChange>> DiscoverUndeclaredAsync(Lab lab, StateDocument refreshed, PlanScope scope,
        Evaluator evaluator, ProviderSettings providers, CancellationToken cancellationToken)
    {
        var changes = new List<ResourceChange>();
        var discoverers = lab.Resources.Where(r => r.Type is IDiscoversUndeclared && r.ForEach is null && scope.IncludesResource(r.Address)).ToList();
        if (discoverers.Count == 0)
            return changes;
        var known = new HashSet<ResourceAddress>(lab.Resources.Select(r => r.Address));
        known.UnionWith(refreshed.Resources.Keys);
        foreach (var config in discoverers)
        {
            var arguments = InstanceArguments.Evaluate(config, evaluator, config.Address.ToString());
            if (arguments.ContainsUnknown)
                continue; // The space is not known until apply; the next plan looks.
            var request = new DiscoverRequest(config.Address, lab.Directory, arguments, known) { Providers = providers };
            foreach (var found in await ((IDiscoversUndeclared)config.Type).DiscoverAsync(request, cancellationToken))
            {
                if (!known.Add(found.Address) || !scope.IncludesOrphan(found.Address))
                    continue;
                changes.Add(new ResourceChange(found.Address, ChangeAction.Delete, ChangeReason.Undeclared, found.Attributes, null, [], []));
            }
        }
        return changes;
    }
}
