using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Expressions;
using Hearth.Core.Values;

namespace Hearth.Core.Evaluation;

/// <summary>The evaluation scope of a run: the lab's variables, resolved secrets, the value table, and optionally one instance's each.*.</summary>
public sealed class LabScope(ValueMap variables, IReadOnlyDictionary<SecretExpression, Value> secrets, ResourceValueTable values, (Value Key, Value Value)? each = null)
    : IEvaluationScope
{
    public (Value Key, Value Value)? Each => each;

    public LabScope ForInstance((Value Key, Value Value)? instanceEach) => new(variables, secrets, values, instanceEach);

    public Value Variable(string name) => variables.TryGetValue(name, out var value) ? value : Value.Null;

    public Value Resource(ResourceAddress address) => values.Get(address);

    public Value? ResourceInstance(ResourceAddress resource, string key, out bool isForEach) => values.GetInstance(resource, key, out isForEach);

    public Value Secret(SecretExpression secret) =>
        secrets.TryGetValue(secret, out var value) ? value : throw new LabException(secret.Span, $"secret {secret.Path}#{secret.Key} was not resolved");
}
