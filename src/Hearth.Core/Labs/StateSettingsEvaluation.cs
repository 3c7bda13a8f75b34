using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Evaluation;
using Hearth.Core.Expressions;
using Hearth.Core.Secrets;
using Hearth.Core.Values;

namespace Hearth.Core.Labs;

/// <summary>
/// Evaluates the lab's <c>state:</c> section before the state is read: variables and <c>${secret:…}</c> values (from
/// SOPS files, never from the state), but no attribute of any resource, since none is known yet.
/// </summary>
public static class StateSettingsEvaluation
{
    /// <exception cref="LabException">A setting refers to a resource, or cannot be evaluated (a missing secret, say).</exception>
    public static async Task<MapValue> EvaluateAsync(StateSettings state, ValueMap variables, ISecretResolver secrets, string labDirectory,
        CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag();
        foreach (var entry in state.Settings.Entries)
        {
            foreach (var reference in entry.Value.References().Where(r => r.Root != "var"))
                diagnostics.Add(reference.Span, $"state.{entry.Key} refers to `{reference}`, which is not known when the state is read",
                    "state settings may use variables (var.NAME) and secrets (${secret:FILE#KEY}) only");
        }
        diagnostics.ThrowIfAny();
        var resolved = await secrets.ResolveAsync([.. state.Settings.Secrets()], labDirectory, cancellationToken);
        return (MapValue)new Evaluator(new ResourceReferenceResolver([]), new Scope(variables, resolved)).Evaluate(state.Settings);
    }

    /// <summary>Variables and resolved secrets; resource references were refused above.</summary>
    private sealed class Scope(ValueMap variables, IReadOnlyDictionary<SecretExpression, Value> secrets) : IEvaluationScope
    {
        public (Value Key, Value Value)? Each => null;

        public Value Variable(string name) => variables.TryGetValue(name, out var value) ? value : Value.Null;

        public Value Resource(ResourceAddress address) => Value.Unknown;

        public Value? ResourceInstance(ResourceAddress resource, string key, out bool isForEach)
        {
            isForEach = false;
            return null;
        }

        public Value Secret(SecretExpression secret) =>
            secrets.TryGetValue(secret, out var value) ? value : throw new LabException(secret.Span, $"secret {secret.Path}#{secret.Key} was not resolved");
    }
}
