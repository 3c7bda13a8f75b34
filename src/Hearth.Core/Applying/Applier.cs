using System.Collections.Immutable;
using Hearth.Core.Diagnostics;
using Hearth.Core.Evaluation;
using Hearth.Core.Labs;
using Hearth.Core.Planning;
using Hearth.Core.Resources;
using Hearth.Core.Secrets;
using Hearth.Core.State;
using Hearth.Core.Values;

namespace Hearth.Core.Applying;

/// <summary>
/// Carries out a plan: walks its changes in dependency order, up to <see cref="ApplyOptions.Parallelism"/> at
/// once, and records each result in the state the moment it completes. A failure skips what depends on it while
/// independent branches go on; every failure is reported at the end. Two tokens give two levels of stop: the
/// first stops starting new operations, the second cancels those in flight.
/// </summary>
public sealed partial class Applier(ResourceTypeRegistry registry, ISecretResolver secrets, IApplyObserver observer)
{
    private ResourceTypeRegistry Registry => registry;

    private IApplyObserver Observer => observer;

    public async Task<ApplyResult> ApplyAsync(Lab lab, Plan plan, IStateSession session, ApplyOptions options,
        CancellationToken stopScheduling, CancellationToken abort)
    {
        foreach (var drift in plan.Drift)
        {
            var change = drift.After is null
                ? (StateChange)new StateChange.RemoveResource(drift.Address)
                : new StateChange.PutResource(plan.RefreshedState.Find(drift.Address)!);
            await session.RecordAsync(change, abort);
        }

        var resolver = new ResourceReferenceResolver(lab.Resources.Select(r => r.Address));
        var resolved = await secrets.ResolveAsync(
            [.. lab.SecretReferences()], lab.Directory, abort);
        var values = new ResourceValueTable(lab, session.Current);
        var labScope = new LabScope(lab.VariableValues, resolved, values);
        var providers = ProviderEvaluation.Evaluate(lab, new Evaluator(resolver, labScope));
        var run = new Run(this, lab, session, labScope, resolver, values, providers, options, abort);
        var graph = new ApplyGraph([.. plan.Actions], plan.RefreshedState);
        await new ApplyWalk(graph, options.Parallelism, run.ExecuteAsync, OnSkipped, WriteBatchOf).RunAsync(stopScheduling);

        if (plan.Options.Mode != PlanMode.RefreshOnly && !plan.Options.IsPartial)
            await RecordOutputsAsync(lab, session, run.Scope, resolver, plan.Options.Mode == PlanMode.Destroy, abort);
        return new ApplyResult(run.Added, run.Changed, run.Destroyed, [.. run.Errors.OrderBy(e => e.Address, StringComparer.Ordinal)],
            stopScheduling.IsCancellationRequested);
    }

    /// <summary>The write batch a change joins, when its kind sends changes together and this one can go with others.</summary>
    private (BatchKey Key, int MaxSize)? WriteBatchOf(ResourceChange change)
    {
        if (registry.Find(change.Address.Kind) is not IBatchedWrite batched || change.DeposedKey is not null ||
            (change.After ?? change.Before) is not { } attributes || batched.WriteBatchKeyOf(change.Address, attributes) is not { } key)
            return null;
        return (new BatchKey($"{change.Address.Kind}|{key.Value}"), batched.MaxBatchSize);
    }

    private void OnSkipped(ResourceChange change, string reason) => observer.OnEvent(new ApplyEvent.Skipped(change.Address, change.Action, reason));

    private static async Task RecordOutputsAsync(Lab lab, IStateSession session, LabScope scope, ResourceReferenceResolver resolver, bool destroy, CancellationToken cancellationToken)
    {
        var current = session.Current.Outputs;
        var outputs = ImmutableSortedDictionary.CreateBuilder<string, OutputState>(StringComparer.Ordinal);
        if (!destroy)
        {
            var evaluator = new Evaluator(resolver, scope);
            foreach (var output in lab.Outputs)
            {
                Value value;
                try
                {
                    value = Planner.Evaluate(output, evaluator);
                }
                catch (LabException)
                {
                    continue; // Refers to something that failed to apply; the output is left out until it can be computed.
                }
                if (!value.ContainsUnknown)
                    outputs[output.Name] = new OutputState(value, output.Sensitive);
                else if (current.TryGetValue(output.Name, out var previous))
                    outputs[output.Name] = previous;
            }
        }
        var result = outputs.ToImmutable();
        if (result.Count != current.Count || result.Any(o => !current.TryGetValue(o.Key, out var c) || !c.Equals(o.Value)))
            await session.RecordAsync(new StateChange.SetOutputs(result), cancellationToken);
    }
}
