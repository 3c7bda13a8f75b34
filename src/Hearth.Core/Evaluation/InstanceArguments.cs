using Hearth.Core.Diagnostics;
using Hearth.Core.Labs;
using Hearth.Core.Values;

namespace Hearth.Core.Evaluation;

/// <summary>Evaluates a resource's arguments and its for_each into values checked against the schema.</summary>
public static class InstanceArguments
{
    /// <summary>Every settable attribute, converted to its type; defaults fill what the lab leaves out.</summary>
    /// <exception cref="LabException">A value has the wrong type, or the type's own checks reject it.</exception>
    public static MapValue Evaluate(ResourceConfig config, Evaluator evaluator, string instance)
    {
        var diagnostics = new DiagnosticBag();
        var entries = new List<KeyValuePair<string, Value>>();
        foreach (var attribute in config.Type.Schema.Settable)
        {
            var written = config.Arguments.Find(attribute.Name);
            var value = written is null ? attribute.Default ?? Value.Null : evaluator.Evaluate(written.Value);
            var converted = attribute.Type.Convert(value);
            if (converted is null)
            {
                diagnostics.Add(written?.Value.Span ?? config.Span, $"`{attribute.Name}` of {instance} must be {attribute.Type}, not a {value.TypeName}",
                    $"{attribute.Name}: {attribute.Description}");
                continue;
            }
            entries.Add(KeyValuePair.Create(attribute.Name, attribute.Sensitive ? converted.MarkSensitive() : converted));
        }
        diagnostics.ThrowIfAny();
        var arguments = new MapValue(new ValueMap(entries));
        if (!arguments.ContainsUnknown)
        {
            foreach (var problem in config.Type.Validate(arguments))
            {
                var span = problem.Attribute is null ? config.Span : config.Arguments.Find(problem.Attribute)?.Value.Span ?? config.Span;
                diagnostics.Add(span, $"{instance}: {problem.Message}", problem.Hint);
            }
            diagnostics.ThrowIfAny();
        }
        return arguments;
    }

    /// <summary>The instances of a for_each resource: key → each.value, in the order written (maps: key order).</summary>
    /// <exception cref="LabException">for_each is unknown, sensitive, or not a list of strings or a map.</exception>
    public static IReadOnlyList<(string Key, Value Value)> ForEach(ResourceConfig config, Evaluator evaluator)
    {
        var expression = config.ForEach!;
        var value = evaluator.Evaluate(expression);
        if (value.ContainsUnknown)
            throw new LabException(expression.Span, $"the for_each of {config.Address} depends on values known only after apply",
                "use values known at plan time (variables, literals, data inputs), or apply the resources it depends on first with --target");
        if (value.ContainsSensitive)
            throw new LabException(expression.Span, $"the for_each of {config.Address} uses a sensitive value, which would reveal it in addresses",
                "build the keys from values that are not sensitive");
        switch (value)
        {
            case MapValue map:
                return [.. map.Entries.Select(e => (e.Key, e.Value))];
            case ListValue list when list.Items.All(i => i is StringValue or NumberValue):
                var keys = list.Items.Select(i => i.ToText()).ToList();
                if (keys.GroupBy(k => k, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
                    throw new LabException(expression.Span, $"the for_each of {config.Address} lists \"{duplicate.Key}\" twice", "each key must be unique");
                return [.. keys.Select(k => (k, Value.String(k)))];
            default:
                throw new LabException(expression.Span, $"for_each must be a list of strings or a map, not a {value.TypeName}",
                    "e.g. for_each: [a, b, c] or for_each: { a: 1, b: 2 }");
        }
    }
}
