using System.Collections.Immutable;
using Hearth.Core.Diagnostics;
using Hearth.Core.Labs;
using Hearth.Core.Resources;
using Hearth.Core.Secrets;
using Hearth.Core.State;
using Hearth.Core.Values;

namespace Hearth.Core.Evaluation;

/// <summary>Evaluates the lab's <c>providers:</c> section: variables and secrets, never values only apply can tell.</summary>
public static class ProviderEvaluation
{
    /// <exception cref="LabException">A setting cannot be evaluated, or depends on an attribute known only after apply.</exception>
    public static ProviderSettings Evaluate(Lab lab, Evaluator evaluator)
    {
        if (lab.Providers.IsEmpty)
            return ProviderSettings.None;
        var settings = ImmutableDictionary.CreateBuilder<string, MapValue>(StringComparer.Ordinal);
        var diagnostics = new DiagnosticBag();
        foreach (var (name, expression) in lab.Providers)
        {
            try
            {
                var value = evaluator.Evaluate(expression);
                if (value.ContainsUnknown)
                    diagnostics.Add(expression.Span, $"providers.{name} depends on values known only after apply",
                        "provider settings may use variables and secrets, not attributes of resources the lab creates");
                else
                    settings[name] = (MapValue)value; // A mapping evaluates to a map; its sensitive settings stay marked inside.
            }
            catch (LabException e)
            {
                diagnostics.Add(e);
            }
        }
        diagnostics.ThrowIfAny();
        return new ProviderSettings(settings.ToImmutable());
    }

    /// <summary>Resolves the secrets the providers use and evaluates them, for commands that do not plan (import).</summary>
    public static async Task<ProviderSettings> ResolveAsync(Lab lab, ISecretResolver secrets, StateDocument state, CancellationToken cancellationToken)
    {
        if (lab.Providers.IsEmpty)
            return ProviderSettings.None;
        var resolved = await secrets.ResolveAsync([.. lab.Providers.Values.SelectMany(p => p.Secrets())], lab.Directory, cancellationToken);
        var scope = new LabScope(lab.VariableValues, resolved, new ResourceValueTable(lab, state));
        return Evaluate(lab, new Evaluator(new ResourceReferenceResolver(lab.Resources.Select(r => r.Address)), scope));
    }
}
