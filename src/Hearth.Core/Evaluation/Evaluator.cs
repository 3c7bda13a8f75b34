using System.Collections.Immutable;
using System.Text;
using Hearth.Core.Diagnostics;
using Hearth.Core.Expressions;
using Hearth.Core.Labs;
using Hearth.Core.Values;

namespace Hearth.Core.Evaluation;

/// <summary>
/// Evaluates expressions to values. Unknown parts stay unknown (a template with an unknown part is unknown);
/// anything built from a sensitive value is sensitive.
/// </summary>
public sealed class Evaluator(ResourceReferenceResolver resolver, IEvaluationScope scope)
{
    /// <exception cref="LabException">A reference leads nowhere (a missing attribute, an index out of range, text from a list).</exception>
    public Value Evaluate(Expression expression) => expression switch
    {
        LiteralExpression l => l.Value,
        TemplateExpression t => EvaluateTemplate(t),
        ReferenceExpression r => EvaluateReference(r),
        SecretExpression s => scope.Secret(s),
        ListExpression l => Value.List(l.Items.Select(Evaluate)),
        MapExpression m => Value.Map(m.Entries.Select(e => KeyValuePair.Create(e.Key, Evaluate(e.Value)))),
        _ => throw new InvalidOperationException($"unexpected expression {expression.GetType().Name}"),
    };

    private Value EvaluateTemplate(TemplateExpression template)
    {
        var text = new StringBuilder();
        var sensitive = false;
        var unknown = false;
        foreach (var part in template.Parts)
        {
            var value = Evaluate(part);
            if (value is SensitiveValue s)
            {
                sensitive = true;
                value = s.Inner;
            }
            switch (value)
            {
                case UnknownValue:
                    unknown = true;
                    break;
                case ListValue or MapValue:
                    throw new LabException(part.Span, $"a {value.TypeName} cannot be inserted into text",
                        "refer to one element (e.g. `[0]` or `.name`), or make the whole value the single `${…}`");
                default:
                    text.Append(value.ToText());
                    break;
            }
        }
        Value result = unknown ? Value.Unknown : Value.String(text.ToString());
        return sensitive ? result.MarkSensitive() : result;
    }

    private Value EvaluateReference(ReferenceExpression reference)
    {
        var steps = reference.Steps;
        Value current;
        ImmutableArray<TraversalStep> rest;
        switch (reference.Root)
        {
            case "var":
                current = scope.Variable(((AttributeStep)steps[1]).Name);
                rest = steps[2..];
                break;
            case "each":
                var each = scope.Each ?? throw new LabException(reference.Span, "each.* is only valid inside a resource with for_each");
                current = ((AttributeStep)steps[1]).Name == "key" ? each.Key : each.Value;
                rest = steps[2..];
                break;
            default:
                var resolved = resolver.Resolve(steps) ?? throw new LabException(reference.Span, $"reference to undeclared resource `{reference}`");
                rest = resolved.Remaining;
                if (!rest.IsEmpty && IndexKey(rest[0]) is { } key)
                {
                    var instance = scope.ResourceInstance(resolved.Address, key.Text, out var isForEach);
                    if (isForEach)
                    {
                        // Straight to one instance of a for_each resource, without building the map of all of them.
                        if (instance is null)
                            throw new LabException(reference.Span,
                                $"`{resolved.Address}` has no instance {(key.Sensitive ? "with that (sensitive) key" : $"[\"{key.Text}\"]")}",
                                "check the for_each keys of that resource");
                        current = key.Sensitive ? instance.MarkSensitive() : instance;
                        rest = rest[1..];
                        break;
                    }
                }
                current = scope.Resource(resolved.Address);
                break;
        }
        return Navigate(current, rest, reference);
    }

    /// <summary>The string key of an index step (evaluating a dynamic one), or null for anything else.</summary>
    private (string Text, bool Sensitive)? IndexKey(TraversalStep step)
    {
        var key = step switch
        {
            IndexStep { Key: StringValue s } => s,
            DynamicIndexStep dynamic => Evaluate(dynamic.Key),
            _ => null,
        };
        return key?.Unmarked() is StringValue text ? (text.Text, key.ContainsSensitive) : null;
    }

    private Value Navigate(Value value, ImmutableArray<TraversalStep> steps, ReferenceExpression reference)
    {
        var sensitive = false;
        var walked = new List<TraversalStep>(reference.Steps[..(reference.Steps.Length - steps.Length)]);
        foreach (var written in steps)
        {
            var step = written;
            if (value is SensitiveValue s)
            {
                sensitive = true;
                value = s.Inner;
            }
            if (value is UnknownValue)
                break;
            if (step is DynamicIndexStep dynamic)
            {
                var key = Evaluate(dynamic.Key);
                if (key.ContainsUnknown)
                    return sensitive ? Value.Unknown.MarkSensitive() : Value.Unknown;
                sensitive |= key.ContainsSensitive; // What a secret picks out reveals the secret.
                step = new IndexStep(key.Unmarked());
            }
            var next = (value, step) switch
            {
                (MapValue m, AttributeStep a) => m.Get(a.Name),
                (MapValue m, IndexStep { Key: StringValue k }) => m.Get(k.Text),
                (ListValue l, IndexStep { Key: NumberValue n }) when n.Amount >= 0 && n.Amount < l.Items.Count => l.Items[(int)n.Amount],
                _ => null,
            };
            if (next is null)
                throw new LabException(reference.Span, sensitive ? $"`{TraversalStep.Format(walked)}` has no element for that (sensitive) key or name" : Describe(value, step, walked),
                    !sensitive && value is MapValue m2 && m2.Entries.Count > 0 ? $"it has: {string.Join(", ", m2.Entries.Keys.Take(12))}" : null);
            walked.Add(step);
            value = next;
        }
        return sensitive ? value.MarkSensitive() : value;
    }

    private static string Describe(Value value, TraversalStep step, List<TraversalStep> walked)
    {
        var where = TraversalStep.Format(walked);
        return (value, step) switch
        {
            (MapValue, AttributeStep a) => $"`{where}` has no attribute `{a.Name}`",
            (MapValue, IndexStep i) => $"`{where}` has no key {TraversalStep.Format([i])}",
            (ListValue l, IndexStep i) => $"`{where}` has {l.Items.Count} element(s); index {TraversalStep.Format([i])} is out of range",
            (NullValue, _) => $"`{where}` is null, so `{TraversalStep.Format([step]).TrimStart('.')}` cannot be read from it",
            _ => $"`{where}` is a {value.TypeName}; `{TraversalStep.Format([step]).TrimStart('.')}` cannot be read from it",
        };
    }
}
