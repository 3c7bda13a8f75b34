using Hearth.Core.Addressing;
using Hearth.Core.Expressions;
using Hearth.Core.Values;

namespace Hearth.Core.Evaluation;

/// <summary>What names mean while evaluating one value: variables, each.*, resources and secrets.</summary>
public interface IEvaluationScope
{
    /// <summary>A variable's value (the loader has checked it exists).</summary>
    Value Variable(string name);

    /// <summary>The for_each key and value of the instance being evaluated, or null outside for_each.</summary>
    (Value Key, Value Value)? Each { get; }

    /// <summary>
    /// A resource's current value: its attribute map, or for a for_each resource a map of key → attribute map.
    /// Unknown when it is not yet known (planned for creation, not yet applied).
    /// </summary>
    Value Resource(ResourceAddress address);

    /// <summary>One instance of a for_each resource (null when it has no instance with that key).</summary>
    /// <param name="isForEach">False when the resource has no for_each: then use <see cref="Resource"/>.</param>
    Value? ResourceInstance(ResourceAddress resource, string key, out bool isForEach);

    /// <summary>The (sensitive) value of one key of a secrets file; resolved before evaluation starts.</summary>
    Value Secret(SecretExpression secret);
}
