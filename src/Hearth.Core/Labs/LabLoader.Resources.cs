using System.Collections.Immutable;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Expressions;
using Hearth.Core.Syntax;
using Hearth.Core.Values;

namespace Hearth.Core.Labs;

public sealed partial class LabLoader
{
    private static readonly string[] MetaArguments = ["depends_on", "for_each", "lifecycle"];
    private static readonly string[] LifecycleKeys = ["prevent_destroy", "ignore_changes", "create_before_destroy"];

    private List<ResourceConfig> ReadResources(LabFiles files, DiagnosticBag diagnostics)
    {
        var resources = new List<ResourceConfig>();
        foreach (var entry in MappingEntries(files, "resources", diagnostics))
        {
            try
            {
                if (ReadResource(entry, diagnostics) is { } resource)
                    resources.Add(resource);
            }
            catch (LabException e)
            {
                diagnostics.Add(e);
            }
        }
        return resources;
    }

    private ResourceConfig? ReadResource(MappingEntry entry, DiagnosticBag diagnostics)
    {
        var span = entry.Key.Span;
        if (!ResourceAddress.TryParse(entry.Key.Text, out var address) || address.Key is not null)
        {
            diagnostics.Add(span, $"`{entry.Key.Text}` is not a resource address", "write resources as kind.name, e.g. file.motd");
            return null;
        }
        var type = options.Registry.Find(address.Kind);
        if (type is null)
        {
            diagnostics.Add(span, $"unknown resource kind `{address.Kind}` in `{address}`",
                NameSuggester.Hint(address.Kind, options.Registry.Kinds.ToList(), "kind"));
            return null;
        }
        if (entry.Value is not MappingSyntax body)
        {
            if (entry.Value is ScalarSyntax { Text: "" })
                body = new MappingSyntax([], entry.Value.Span);
            else
            {
                diagnostics.Add(entry.Value.Span, $"{address} must be a mapping of attributes, not {entry.Value.Describe()}");
                return null;
            }
        }

        var arguments = ImmutableArray.CreateBuilder<MapEntryExpression>();
        Expression? forEach = null;
        var dependsOn = ImmutableArray<DependsOnEntry>.Empty;
        var lifecycle = LifecycleConfig.Default;
        foreach (var attribute in body.Entries)
        {
            switch (attribute.Key.Text)
            {
                case "for_each":
                    forEach = ExpressionParser.FromSyntax(attribute.Value);
                    break;
                case "depends_on":
                    dependsOn = ReadDependsOn(attribute.Value, diagnostics);
                    break;
                case "lifecycle":
                    lifecycle = ReadLifecycle(address, attribute.Value, type, diagnostics);
                    break;
                default:
                    var schema = type.Schema.Find(attribute.Key.Text);
                    if (schema is null || !schema.IsSettable)
                    {
                        diagnostics.Add(attribute.Key.Span,
                            schema is null ? $"{address.Kind} has no attribute `{attribute.Key.Text}`" : $"`{attribute.Key.Text}` of {address.Kind} is computed and cannot be set",
                            NameSuggester.Hint(attribute.Key.Text, type.Schema.Settable.Select(a => a.Name).Concat(MetaArguments).ToList(), "attribute"));
                        continue;
                    }
                    var expression = ExpressionParser.FromSyntax(attribute.Value);
                    CheckLiteralType(address, schema, expression, diagnostics);
                    arguments.Add(new MapEntryExpression(attribute.Key.Text, attribute.Key.Span, expression));
                    break;
            }
        }
        foreach (var required in type.Schema.Attributes.Where(a => a.Use == Resources.AttributeUse.Required))
        {
            if (!body.Entries.Any(e => e.Key.Text == required.Name))
                diagnostics.Add(span, $"{address} is missing the required attribute `{required.Name}`",
                    $"add `{required.Name}:` ({required.Description})");
        }
        return new ResourceConfig(address, type, new MapExpression(arguments.ToImmutable(), body.Span), forEach, dependsOn, lifecycle, span);
    }

    /// <summary>Catches a wrong type at load when the value is written out; computed values are checked at plan time.</summary>
    private static void CheckLiteralType(ResourceAddress address, Resources.AttributeSchema schema, Expression expression, DiagnosticBag diagnostics)
    {
        if (expression.Descendants().Any(d => d is ReferenceExpression or SecretExpression or TemplateExpression))
            return;
        var value = ToValue(expression);
        if (schema.Type.Convert(value) is null)
            diagnostics.Add(expression.Span, $"`{schema.Name}` of {address} must be {schema.Type}, not a {value.TypeName}",
                $"{schema.Name}: {schema.Description}");
    }

    private static ImmutableArray<DependsOnEntry> ReadDependsOn(SyntaxNode node, DiagnosticBag diagnostics)
    {
        if (node is not SequenceSyntax list)
        {
            diagnostics.Add(node.Span, "depends_on must be a list of resource addresses", "e.g. depends_on: [file.motd]");
            return [];
        }
        var entries = ImmutableArray.CreateBuilder<DependsOnEntry>();
        foreach (var item in list.Items)
        {
            if (item is ScalarSyntax s && ResourceAddress.TryParse(s.Text, out var address))
                entries.Add(new DependsOnEntry(address.Resource, s.Span));
            else
                diagnostics.Add(item.Span, "depends_on entries must be resource addresses like file.motd");
        }
        return entries.ToImmutable();
    }

    private static LifecycleConfig ReadLifecycle(ResourceAddress address, SyntaxNode node, Resources.ResourceType type, DiagnosticBag diagnostics)
    {
        if (node is not MappingSyntax mapping)
        {
            diagnostics.Add(node.Span, "lifecycle must be a mapping", "e.g. lifecycle: { prevent_destroy: true }");
            return LifecycleConfig.Default;
        }
        var lifecycle = LifecycleConfig.Default;
        foreach (var entry in mapping.Entries)
        {
            switch (entry.Key.Text)
            {
                case "prevent_destroy":
                    lifecycle = lifecycle with { PreventDestroy = ReadFlag(entry, diagnostics) };
                    break;
                case "create_before_destroy":
                    lifecycle = lifecycle with { CreateBeforeDestroy = ReadFlag(entry, diagnostics) };
                    break;
                case "ignore_changes":
                    if (entry.Value is ScalarSyntax { Text: "all" })
                    {
                        lifecycle = lifecycle with { IgnoreAllChanges = true };
                        break;
                    }
                    var paths = ImmutableArray.CreateBuilder<ValuePath>();
                    foreach (var item in (entry.Value as SequenceSyntax)?.Items ?? [])
                    {
                        var text = (item as ScalarSyntax)?.Text ?? "";
                        var root = text.Split('.', '[')[0];
                        if (type.Schema.Find(root) is null)
                            diagnostics.Add(item.Span, $"ignore_changes names `{text}`, but {address.Kind} has no attribute `{root}`",
                                NameSuggester.Hint(root, type.Schema.Attributes.Select(a => a.Name).ToList(), "attribute"));
                        else
                            paths.Add(ValuePath.Parse(text));
                    }
                    if (entry.Value is not (SequenceSyntax or ScalarSyntax { Text: "" }))
                        diagnostics.Add(entry.Value.Span, "ignore_changes must be a list of attribute names, or `all`");
                    lifecycle = lifecycle with { IgnoreChanges = paths.ToImmutable() };
                    break;
                default:
                    diagnostics.Add(entry.Key.Span, $"unknown lifecycle setting `{entry.Key.Text}`", NameSuggester.Hint(entry.Key.Text, LifecycleKeys, "setting"));
                    break;
            }
        }
        return lifecycle;
    }

    private static bool ReadFlag(MappingEntry entry, DiagnosticBag diagnostics)
    {
        if (entry.Value is ScalarSyntax { Quoted: false, Text: "true" or "false" } s)
            return s.Text == "true";
        diagnostics.Add(entry.Value.Span, $"`{entry.Key.Text}` must be true or false");
        return false;
    }

    private static List<OutputConfig> ReadOutputs(LabFiles files, DiagnosticBag diagnostics)
    {
        var outputs = new List<OutputConfig>();
        foreach (var entry in MappingEntries(files, "outputs", diagnostics))
        {
            try
            {
                if (entry.Value is MappingSyntax body && body.Find("value") is { } value)
                {
                    foreach (var key in body.Entries.Where(e => e.Key.Text is not ("value" or "sensitive" or "description")))
                        diagnostics.Add(key.Key.Span, $"unknown key `{key.Key.Text}` in output `{entry.Key.Text}`",
                            NameSuggester.Hint(key.Key.Text, ["value", "sensitive", "description"], "key"));
                    var sensitive = body.Find("sensitive")?.Value is ScalarSyntax { Text: "true" };
                    var description = (body.Find("description")?.Value as ScalarSyntax)?.Text ?? "";
                    outputs.Add(new OutputConfig(entry.Key.Text, ExpressionParser.FromSyntax(value.Value), sensitive, description, entry.Key.Span));
                }
                else
                {
                    outputs.Add(new OutputConfig(entry.Key.Text, ExpressionParser.FromSyntax(entry.Value), false, "", entry.Key.Span));
                }
            }
            catch (LabException e)
            {
                diagnostics.Add(e);
            }
        }
        return outputs;
    }
}
