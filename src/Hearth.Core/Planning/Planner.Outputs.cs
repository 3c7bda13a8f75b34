using System.Collections.Immutable;
using Hearth.Core.Diagnostics;
using Hearth.Core.Evaluation;
using Hearth.Core.Labs;
using Hearth.Core.State;
using Hearth.Core.Values;

namespace Hearth.Core.Planning;

public sealed partial class Planner
{
    private static ImmutableArray<OutputChange> PlanOutputs(Lab lab, StateDocument refreshed, PlanOptions options, LabScope scope)
    {
        var changes = ImmutableArray.CreateBuilder<OutputChange>();
        if (options.Mode == PlanMode.RefreshOnly || options.IsPartial)
            return changes.ToImmutable();
        var evaluator = new Evaluator(new ResourceReferenceResolver(lab.Resources.Select(r => r.Address)), scope);
        var diagnostics = new DiagnosticBag();
        foreach (var output in lab.Outputs)
        {
            var before = refreshed.Outputs.GetValueOrDefault(output.Name)?.Value;
            if (options.Mode == PlanMode.Destroy)
            {
                changes.Add(new OutputChange(output.Name, before, null, output.Sensitive));
                continue;
            }
            try
            {
                var after = Evaluate(output, evaluator);
                changes.Add(new OutputChange(output.Name, before, after, output.Sensitive));
            }
            catch (LabException e)
            {
                diagnostics.Add(e);
            }
        }
        foreach (var (name, removed) in refreshed.Outputs.Where(o => lab.Outputs.All(c => c.Name != o.Key)))
            changes.Add(new OutputChange(name, removed.Value, null, removed.Sensitive));
        diagnostics.ThrowIfAny();
        return changes.ToImmutable();
    }

    /// <summary>Evaluates an output, refusing a sensitive value in an output not marked sensitive.</summary>
    /// <exception cref="LabException">The value cannot be evaluated, or is sensitive without <c>sensitive: true</c>.</exception>
    public static Value Evaluate(OutputConfig output, Evaluator evaluator)
    {
        var value = evaluator.Evaluate(output.Value);
        if (value.ContainsSensitive && !output.Sensitive)
            throw new LabException(output.Span, $"output `{output.Name}` has a sensitive value",
                "mark it `sensitive: true` (its value is then shown only by `hearth output NAME --raw` or `--json`)");
        return output.Sensitive ? value.MarkSensitive() : value;
    }
}
