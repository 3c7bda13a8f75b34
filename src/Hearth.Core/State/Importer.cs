using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Evaluation;
using Hearth.Core.Labs;
using Hearth.Core.Resources;
using Hearth.Core.Values;

namespace Hearth.Core.State;

/// <summary><c>hearth import ADDR ID</c>: adopts an existing object into the state under an address the lab declares.</summary>
public static class Importer
{
    /// <exception cref="StateException">The address is not declared, already managed, or no object has that ID.</exception>
    public static async Task<ResourceInstanceState> ImportAsync(Lab lab, IStateSession session, ResourceAddress address, string id, ProviderSettings providers,
        CancellationToken cancellationToken)
    {
        var config = lab.FindResource(address) ?? throw new StateException(
            $"{address} is not declared in the lab", $"declare {address.Resource} in the lab first, then import into it");
        if (config.ForEach is not null && address.Key is null)
            throw new StateException($"{address} has for_each; import into one instance", $"e.g. hearth import '{address.WithKey("KEY")}' ID");
        if (config.ForEach is null && address.Key is not null)
            throw new StateException($"{address.Resource} has no for_each, so it has no key", $"import into {address.Resource}");
        if (config.ForEach is not null && ForEachKeys(lab, config, session.Current) is { } keys && !keys.Contains(address.Key!))
            throw new StateException($"{address.Resource}'s for_each has no key \"{address.Key}\"",
                $"import into one of its instances ({string.Join(", ", keys.Take(5).Select(k => address.WithKey(k).ToString()))}{(keys.Count > 5 ? ", …" : "")}), or add the key to for_each first");
        if (session.Current.Find(address) is not null)
            throw new StateException($"{address} is already managed", $"remove it first with `hearth state rm {address}` if you mean to re-import");
        var request = new ImportRequest(address, lab.Directory, id) { Providers = providers, Config = Arguments(lab, config, address, session.Current) };
        var found = await config.Type.ImportAsync(request, cancellationToken)
            ?? throw new StateException($"no {address.Kind} with ID \"{id}\" exists", "check the ID");
        var instance = new ResourceInstanceState(address, SchemaMarks.Apply(config.Type.Schema, found), config.Dependencies);
        await session.RecordAsync(new StateChange.PutResource(instance), cancellationToken);
        return instance;
    }

    /// <summary>The instance's arguments as they evaluate now; null when they need what only a plan can tell.</summary>
    private static MapValue? Arguments(Lab lab, ResourceConfig config, ResourceAddress address, StateDocument state)
    {
        try
        {
            var each = address.Key is null ? ((Value, Value)?)null
                : (Value.String(address.Key), InstanceArguments.ForEach(config, Evaluator(lab, state)).FirstOrDefault(k => k.Key == address.Key).Value ?? Value.Null);
            var arguments = InstanceArguments.Evaluate(config, new Evaluator(new ResourceReferenceResolver(lab.Resources.Select(r => r.Address)),
                Scope(lab, state).ForInstance(each)), address.ToString());
            return arguments.ContainsUnknown ? null : arguments;
        }
        catch (LabException)
        {
            return null;
        }
    }

    private static LabScope Scope(Lab lab, StateDocument state) =>
        new(lab.VariableValues, new Dictionary<Expressions.SecretExpression, Value>(), new ResourceValueTable(lab, state));

    private static Evaluator Evaluator(Lab lab, StateDocument state) =>
        new(new ResourceReferenceResolver(lab.Resources.Select(r => r.Address)), Scope(lab, state));

    /// <summary>The for_each keys as they evaluate now; null when they depend on what only a plan can tell (secrets, other objects).</summary>
    private static IReadOnlyCollection<string>? ForEachKeys(Lab lab, ResourceConfig config, StateDocument state)
    {
        try
        {
            return [.. InstanceArguments.ForEach(config, Evaluator(lab, state)).Select(k => k.Key)];
        }
        catch (LabException)
        {
            return null;
        }
    }
}
