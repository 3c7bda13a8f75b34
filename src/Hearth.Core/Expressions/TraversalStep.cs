using System.Collections.Immutable;
using System.Text;
using Hearth.Core.Values;

namespace Hearth.Core.Expressions;

/// <summary>One step of a reference: <c>.name</c> or <c>[key]</c>.</summary>
public abstract record TraversalStep
{
    public static string Format(IEnumerable<TraversalStep> steps)
    {
        var text = new StringBuilder();
        foreach (var step in steps)
            text.Append(step switch
            {
                AttributeStep a when text.Length == 0 => a.Name,
                AttributeStep a => "." + a.Name,
                IndexStep { Key: StringValue s } => $"[\"{s.Text}\"]",
                IndexStep i => $"[{i.Key.ToText()}]",
                DynamicIndexStep d => $"[{d.Key}]",
                _ => "",
            });
        return text.ToString();
    }

    public static string Format(ImmutableArray<TraversalStep> steps) => Format(steps.AsEnumerable());
}
