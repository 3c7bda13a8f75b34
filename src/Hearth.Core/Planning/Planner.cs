using System.Collections.Immutable;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Evaluation;
using Hearth.Core.Labs;
using Hearth.Core.Resources;
using Hearth.Core.Secrets;
using Hearth.Core.State;
using Hearth.Core.Values;

namespace Hearth.Core.Planning;

/// <summary>
/// Compares the lab with the (refreshed) state and decides, per instance, create, update in place, replace,
/// delete or nothing. Pure apart from the refresh reads and secret lookups: the same inputs give the same plan.
/// </summary>
public sealed partial class Planner(ResourceTypeRegistry registry, ISecretResolver secrets)
{
    /// <exception cref="LabException">A value cannot be evaluated.</exception>
    /// <exception cref="PlanException">A target matches nothing, or prevent_destroy forbids a deletion.</exception>
    public async Task<Plan> PlanAsync(Lab lab, StateDocument prior, PlanOptions options, CancellationToken cancellationToken)
    {
        var scope = new PlanScope(lab, prior, options);
        var warnings = ImmutableArray.CreateBuilder<string>();
        if (options.IsPartial)
            warnings.Add("Resource targeting is in effect: the plan may be incomplete. Use --target and --exclude for exceptional situations, not routine work.");

        var resolved = await secrets.ResolveAsync([.. lab.SecretReferences(scope.IncludesResource)], lab.Directory, cancellationToken);
        var providers = ProviderEvaluation.Evaluate(lab, new Evaluator(scope.Resolver, new LabScope(lab.VariableValues, resolved, new ResourceValueTable(lab, prior))));
        var refreshed = prior;
        IReadOnlyList<ResourceDrift> drift = [];
        if (options.Refresh)
            (refreshed, drift) = await new Refresher(registry, lab.Directory, options.Parallelism, providers)
                .RefreshAsync(prior, scope.IncludesForRefresh, cancellationToken);

        var values = new ResourceValueTable(lab, refreshed);
        var labScope = new LabScope(lab.VariableValues, resolved, values);
        var changes = options.Mode switch
        {
            PlanMode.Destroy => PlanDestroy(lab, refreshed, scope),
            PlanMode.RefreshOnly => [],
            _ => PlanNormal(lab, refreshed, options, scope, values, labScope),
        };
        if (options.Mode == PlanMode.Normal)
            changes.AddRange(await DiscoverUndeclaredAsync(lab, refreshed, scope, new Evaluator(scope.Resolver, labScope), providers, cancellationToken));
        CheckPreventDestroy(lab, changes);
        _ = new Applying.ApplyGraph([.. changes.Where(c => c.Action != ChangeAction.NoOp)], refreshed); // Refuse now what apply could not order.
        var outputs = PlanOutputs(lab, refreshed, options, labScope);
        return new Plan(options, prior.Lineage, prior.Serial, lab.Fingerprint,
            [.. changes.OrderBy(c => c.Address)], [.. drift], outputs, refreshed, warnings.ToImmutable());
    }

    private static List<ResourceChange> PlanNormal(Lab lab, StateDocument refreshed, PlanOptions options, PlanScope scope,
        ResourceValueTable values, LabScope labScope)
    {
        var changes = new List<ResourceChange>();
        var evaluator = new Evaluator(scope.Resolver, labScope);
        var diagnostics = new DiagnosticBag();
        var instancesByResource = refreshed.Resources.Values.ToLookup(i => i.Address.Resource);
        foreach (var config in scope.OrderedResources)
        {
            if (!scope.IncludesResource(config.Address))
                continue;
            try
            {
                var keys = config.ForEach is null ? [(Key: (string?)null, Value: (Value?)null)] :
                    InstanceArguments.ForEach(config, evaluator).Select(k => (Key: (string?)k.Key, Value: (Value?)k.Value)).ToList();
                var wanted = new HashSet<ResourceAddress>();
                if (config.ForEach is not null)
                    values.Clear(config.Address);
                foreach (var (key, eachValue) in keys)
                {
                    var address = config.Address.WithKey(key);
                    wanted.Add(address);
                    if (!scope.IncludesInstance(address))
                        continue;
                    var instanceScope = labScope.ForInstance(key is null ? null : (Value.String(key), eachValue!));
                    var arguments = InstanceArguments.Evaluate(config, new Evaluator(scope.Resolver, instanceScope), address.ToString());
                    var change = PlanInstance(lab, config, address, arguments, refreshed.Find(address), options) with
                    {
                        EachValue = eachValue,
                        Arguments = arguments.ContainsUnknown ? null : arguments,
                    };
                    values.Set(address, change.After ?? (Value)Value.Unknown);
                    changes.Add(change);
                }
                foreach (var stale in instancesByResource[config.Address].Where(i => !wanted.Contains(i.Address) && scope.IncludesInstance(i.Address)))
                    changes.Add(Delete(stale, config.ForEach is null ? ChangeReason.NotInConfiguration : ChangeReason.NoForEachKey));
            }
            catch (LabException e)
            {
                diagnostics.Add(e);
            }
        }
        diagnostics.ThrowIfAny();
        foreach (var orphan in refreshed.Resources.Values.Where(i => lab.FindResource(i.Address) is null && scope.IncludesOrphan(i.Address)))
            changes.Add(Delete(orphan, ChangeReason.NotInConfiguration));
        changes.AddRange(DeleteDeposed(refreshed, scope));
        return changes;
    }

    private static ResourceChange PlanInstance(Lab lab, ResourceConfig config, ResourceAddress address, MapValue arguments,
        ResourceInstanceState? prior, PlanOptions options)
    {
        var type = config.Type;
        if (prior is null)
            return new ResourceChange(address, ChangeAction.Create, ChangeReason.None, null,
                PlanObject(type, address, lab.Directory, arguments, null), [], config.Dependencies);

        arguments = ApplyIgnoreChanges(config, arguments, prior.Attributes);
        var reason = prior.Tainted ? ChangeReason.Tainted
            : options.Replace.Contains(address) || options.Replace.Contains(address.Resource) ? ChangeReason.ReplaceRequested
            : ChangeReason.None;
        var planned = PlanObject(type, address, lab.Directory, arguments, prior.Attributes);
        var changed = ChangedAttributes(prior.Attributes, planned);
        if (reason == ChangeReason.None && changed.Count == 0)
            return new ResourceChange(address, ChangeAction.NoOp, reason, prior.Attributes, prior.Attributes, [], config.Dependencies);

        var forcing = changed.Where(name => type.Schema.Find(name) is { ForcesReplacement: true }).ToImmutableArray();
        if (reason == ChangeReason.None && forcing.IsEmpty)
            return new ResourceChange(address, ChangeAction.Update, reason, prior.Attributes, planned, [], config.Dependencies);

        var replaceAction = config.Lifecycle.CreateBeforeDestroy ? ChangeAction.CreateThenDelete : ChangeAction.DeleteThenCreate;
        return new ResourceChange(address, replaceAction, reason, prior.Attributes,
            PlanObject(type, address, lab.Directory, arguments, null), forcing, config.Dependencies);
    }

    private static MapValue PlanObject(ResourceType type, ResourceAddress address, string labDirectory, MapValue arguments, MapValue? prior) =>
        SchemaMarks.Apply(type.Schema, type.Plan(new PlanRequest(address, labDirectory, arguments, prior)));

    /// <summary>Attributes named in ignore_changes keep their value from the state.</summary>
    internal static MapValue ApplyIgnoreChanges(ResourceConfig config, MapValue arguments, MapValue prior)
    {
        if (config.Lifecycle.IgnoreAllChanges)
            return new MapValue(new ValueMap(arguments.Entries.Select(e => KeyValuePair.Create(e.Key, prior.Get(e.Key) ?? e.Value))));
        Value result = arguments;
        foreach (var path in config.Lifecycle.IgnoreChanges)
        {
            if (prior.At(path) is { } kept)
                result = result.With(path, kept);
        }
        return (MapValue)result;
    }

    /// <summary>Top-level attributes whose planned value differs from the prior one (unknown counts as different).</summary>
    private static List<string> ChangedAttributes(MapValue prior, MapValue planned) =>
        planned.Entries
            .Where(e => e.Value.ContainsUnknown || !Equals(e.Value.Unmarked(), prior.Get(e.Key)?.Unmarked() ?? Value.Null))
            .Select(e => e.Key)
            .ToList();

    private static List<ResourceChange> PlanDestroy(Lab lab, StateDocument refreshed, PlanScope scope) =>
        [.. refreshed.Resources.Values
            .Where(i => scope.IncludesForDestroy(i.Address))
            .Select(i => Delete(i, ChangeReason.DestroyRequested)),
         .. DeleteDeposed(refreshed, scope)];

    /// <summary>Objects a create-before-destroy replacement left behind (it stopped before deleting them) are deleted now.</summary>
    private static IEnumerable<ResourceChange> DeleteDeposed(StateDocument refreshed, PlanScope scope) =>
        refreshed.Deposed
            .Where(d => scope.IncludesForDestroy(d.Address))
            .Select(d => Delete(d.Instance, ChangeReason.None) with { DeposedKey = d.Key });

    private static ResourceChange Delete(ResourceInstanceState instance, ChangeReason reason) =>
        new(instance.Address, ChangeAction.Delete, reason, instance.Attributes, null, [], instance.Dependencies);

    private static void CheckPreventDestroy(Lab lab, List<ResourceChange> changes)
    {
        var diagnostics = new DiagnosticBag();
        foreach (var change in changes.Where(c => c.Action.Deletes() && c.DeposedKey is null))
        {
            if (lab.FindResource(change.Address) is { Lifecycle.PreventDestroy: true } config)
                diagnostics.Add(config.Span, $"{change.Address} has lifecycle.prevent_destroy set, but the plan would destroy it",
                    "set prevent_destroy: false to allow it, or change the plan so it keeps the resource (e.g. use --target)");
        }
        diagnostics.ThrowIfAny();
    }
}
