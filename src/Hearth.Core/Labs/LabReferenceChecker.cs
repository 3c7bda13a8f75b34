using System.Collections.Immutable;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Expressions;
using Hearth.Core.Graph;

namespace Hearth.Core.Labs;

/// <summary>
/// Checks every reference in the lab (variables, each.*, resources and their attributes), records each
/// resource's dependencies, and refuses dependency cycles, naming the whole cycle.
/// </summary>
internal sealed class LabReferenceChecker(IReadOnlyList<ResourceConfig> resources, IReadOnlyDictionary<string, VariableDefinition> variables)
{
    private readonly Dictionary<ResourceAddress, ResourceConfig> _byAddress = resources.ToDictionary(r => r.Address);
    private readonly ResourceReferenceResolver _resolver = new(resources.Select(r => r.Address));
    private readonly DiagnosticBag _diagnostics = new();

    public ImmutableArray<ResourceConfig> Check(IReadOnlyList<OutputConfig> outputs, IReadOnlyDictionary<string, MapExpression>? providers = null)
    {
        var graph = new DependencyGraph<ResourceAddress>();
        var edgeSpans = new Dictionary<(ResourceAddress, ResourceAddress), SourceSpan>();
        var result = new List<ResourceConfig>(resources.Count);
        foreach (var resource in resources)
        {
            graph.AddNode(resource.Address);
            var dependencies = new List<ResourceAddress>();
            var expressions = resource.ForEach is null ? [resource.Arguments] : new[] { resource.Arguments, resource.ForEach };
            foreach (var reference in expressions.SelectMany(e => e.References()))
            {
                if (CheckReference(reference, resource) is { } target)
                {
                    dependencies.Add(target);
                    edgeSpans.TryAdd((resource.Address, target), reference.Span);
                }
            }
            foreach (var entry in resource.DependsOn)
            {
                if (_byAddress.ContainsKey(entry.Address))
                {
                    dependencies.Add(entry.Address);
                    edgeSpans.TryAdd((resource.Address, entry.Address), entry.Span);
                }
                else
                {
                    _diagnostics.Add(entry.Span, $"depends_on names {entry.Address}, which is not declared",
                        NameSuggester.Hint(entry.Address.ToString(), _byAddress.Keys.Select(a => a.ToString()).ToList(), "resource"));
                }
            }
            foreach (var dependency in dependencies.Distinct())
                graph.AddEdge(resource.Address, dependency);
            result.Add(resource with { Dependencies = [.. dependencies.Distinct()] });
        }
        foreach (var output in outputs)
        {
            foreach (var reference in output.Value.References())
                CheckReference(reference, null);
        }
        // Providers are evaluated before anything is planned, so they may use variables and secrets only.
        foreach (var (name, settings) in providers ?? new Dictionary<string, MapExpression>())
        {
            foreach (var reference in settings.References())
            {
                if (CheckReference(reference, null) is { } target)
                    _diagnostics.Add(reference.Span, $"providers.{name} refers to {target}; provider settings may use variables and secrets only",
                        "put the value in a variable, or read it from a secret file");
            }
        }
        _diagnostics.ThrowIfAny();

        if (graph.FindCycle() is { } cycle)
        {
            var path = string.Join(" → ", cycle);
            var span = edgeSpans.GetValueOrDefault((cycle[0], cycle[1]), _byAddress[cycle[0]].Span);
            throw new LabException(span, $"dependency cycle: {path}",
                "break the cycle: one of these resources must not refer to (or depend on) the next");
        }
        return [.. result];
    }

    /// <summary>Returns the resource a reference points at (null for variables and each.*), recording any problem.</summary>
    private ResourceAddress? CheckReference(ReferenceExpression reference, ResourceConfig? from)
    {
        var steps = reference.Steps;
        switch (reference.Root)
        {
            case "var":
                if (steps.Length < 2 || steps[1] is not AttributeStep name)
                    _diagnostics.Add(reference.Span, $"`${{{reference}}}` names no variable", "write `${var.NAME}`");
                else if (!variables.ContainsKey(name.Name))
                    _diagnostics.Add(reference.Span, $"unknown variable `var.{name.Name}`",
                        NameSuggester.Suggest(name.Name, variables.Keys) is { } close
                            ? $"did you mean `{close}`?"
                            : $"declare it under `variables:`, e.g. `{name.Name}: {{ default: … }}`");
                return null;
            case "each":
                if (from?.ForEach is null)
                    _diagnostics.Add(reference.Span, $"`${{{reference}}}` is only valid inside a resource with for_each",
                        "add for_each to this resource, or refer to a value directly");
                else if (steps.Length < 2 || steps[1] is not AttributeStep { Name: "key" or "value" })
                    _diagnostics.Add(reference.Span, $"`${{{reference}}}` is not valid", "use `${each.key}` or `${each.value}`");
                return null;
        }
        var resolved = _resolver.Resolve(steps);
        if (resolved is null)
        {
            var written = TraversalStep.Format(steps.Take(2));
            _diagnostics.Add(reference.Span, $"reference to undeclared resource `{written}`",
                NameSuggester.Hint(written, _byAddress.Keys.Select(a => a.ToString()).ToList(), "resource"));
            return null;
        }
        var (address, rest) = resolved.Value;
        var target = _byAddress[address];
        if (from is not null && address.Equals(from.Address))
        {
            _diagnostics.Add(reference.Span, $"{address} refers to itself", "a resource cannot use its own attributes");
            return null;
        }
        if (!rest.IsEmpty && rest[0] is IndexStep or DynamicIndexStep && target.ForEach is null)
        {
            _diagnostics.Add(reference.Span, $"{address} has no for_each, so it cannot be indexed with `{TraversalStep.Format([rest[0]])}`",
                $"refer to it as `{address}.ATTRIBUTE`");
            return address;
        }
        var attributeSteps = !rest.IsEmpty && rest[0] is IndexStep or DynamicIndexStep ? rest[1..] : rest;
        if (!attributeSteps.IsEmpty && attributeSteps[0] is AttributeStep attribute && target.Type.Schema.Find(attribute.Name) is null)
            _diagnostics.Add(reference.Span, $"{address.Kind} has no attribute `{attribute.Name}`",
                NameSuggester.Hint(attribute.Name, target.Type.Schema.Attributes.Select(a => a.Name).ToList(), "attribute"));
        return address;
    }
}
