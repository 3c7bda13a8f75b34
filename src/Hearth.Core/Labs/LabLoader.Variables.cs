using System.Collections.Immutable;
using Hearth.Core.Diagnostics;
using Hearth.Core.Expressions;
using Hearth.Core.Resources;
using Hearth.Core.Syntax;
using Hearth.Core.Values;

namespace Hearth.Core.Labs;

public sealed partial class LabLoader
{
    public const string VariablesFileName = "hearth.vars.yaml";
    public const string EnvironmentPrefix = "HEARTH_VAR_";

    private static readonly string[] VariableKeys = ["default", "description", "type", "sensitive"];

    /// <summary>Declarations, then values with later sources winning: default, hearth.vars.yaml, HEARTH_VAR_*, --var.</summary>
    private (ImmutableDictionary<string, VariableDefinition>, ValueMap) ReadVariables(LabFiles files, string directory, DiagnosticBag diagnostics)
    {
        var definitions = ImmutableDictionary.CreateBuilder<string, VariableDefinition>(StringComparer.Ordinal);
        foreach (var entry in MappingEntries(files, "variables", diagnostics))
        {
            var definition = ReadVariable(entry, diagnostics);
            if (definition is not null)
                definitions[definition.Name] = definition;
        }
        var values = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var definition in definitions.Values.Where(d => d.Default is not null))
            values[definition.Name] = definition.Default!;

        var defaultFile = Path.Combine(directory, VariablesFileName);
        if (File.Exists(defaultFile))
            ReadVariablesFile(defaultFile, VariablesFileName, definitions, values, diagnostics);
        foreach (var (key, text) in options.Environment.Where(e => e.Key.StartsWith(EnvironmentPrefix, StringComparison.Ordinal)))
        {
            var name = key[EnvironmentPrefix.Length..];
            if (definitions.TryGetValue(name, out var definition))
                SetFromText(definition, text, $"{key}", values, diagnostics);
        }
        foreach (var file in options.VariableFiles ?? [])
        {
            if (File.Exists(file))
                ReadVariablesFile(file, file, definitions, values, diagnostics);
            else
                diagnostics.Add(SourceSpan.None, $"--var-file {file}: no such file", "check the path (relative to the current directory)");
        }
        foreach (var (name, text) in options.CommandLineVariables)
        {
            if (definitions.TryGetValue(name, out var definition))
                SetFromText(definition, text, $"--var {name}", values, diagnostics);
            else
                diagnostics.Add(SourceSpan.None, $"--var {name}: the lab declares no variable `{name}`",
                    NameSuggester.Hint(name, definitions.Keys.ToList(), "variable"));
        }
        foreach (var definition in definitions.Values.Where(d => !values.ContainsKey(d.Name)))
            diagnostics.Add(definition.Span, $"variable `{definition.Name}` has no value",
                $"give it a default, set it in {VariablesFileName}, export {EnvironmentPrefix}{definition.Name}, or pass --var {definition.Name}=VALUE");

        var marked = values.Select(v => KeyValuePair.Create(v.Key,
            definitions.TryGetValue(v.Key, out var d) && d.Sensitive ? v.Value.MarkSensitive() : v.Value));
        return (definitions.ToImmutable(), new ValueMap(marked));
    }

    private static VariableDefinition? ReadVariable(MappingEntry entry, DiagnosticBag diagnostics)
    {
        var name = entry.Key.Text;
        if (entry.Value is not MappingSyntax body)
        {
            // Shorthand: `name: value` declares a variable with that default.
            var literal = ReadLiteral(entry.Value, $"variable `{name}`", diagnostics);
            return literal is null ? null : new VariableDefinition(name, AttributeType.Any, literal, "", false, entry.Key.Span);
        }
        foreach (var key in body.Entries.Where(e => !VariableKeys.Contains(e.Key.Text)))
            diagnostics.Add(key.Key.Span, $"unknown key `{key.Key.Text}` in variable `{name}`", NameSuggester.Hint(key.Key.Text, VariableKeys, "key"));

        var type = AttributeType.Any;
        if (body.Find("type")?.Value is { } typeNode)
        {
            var parsed = typeNode is ScalarSyntax t ? ParseTypeName(t.Text) : null;
            if (parsed is null)
                diagnostics.Add(typeNode.Span, $"variable `{name}` has an unknown type", "use one of: string, number, bool, list, map, any");
            type = parsed ?? AttributeType.Any;
        }
        Value? defaultValue = null;
        if (body.Find("default")?.Value is { } defaultNode)
        {
            defaultValue = ReadLiteral(defaultNode, $"the default of `{name}`", diagnostics);
            var converted = defaultValue is null ? null : type.Convert(defaultValue);
            if (defaultValue is not null && converted is null)
                diagnostics.Add(defaultNode.Span, $"the default of `{name}` is a {defaultValue.TypeName}, but the variable's type is {type}");
            defaultValue = converted ?? defaultValue;
        }
        var description = (body.Find("description")?.Value as ScalarSyntax)?.Text ?? "";
        var sensitive = body.Find("sensitive")?.Value is ScalarSyntax { Text: "true" };
        return new VariableDefinition(name, type, defaultValue, description, sensitive, entry.Key.Span);
    }

    private static AttributeType? ParseTypeName(string text) => text switch
    {
        "string" => AttributeType.String,
        "number" => AttributeType.Number,
        "bool" => AttributeType.Bool,
        "list" => AttributeType.ListOf(AttributeType.Any),
        "map" => AttributeType.MapOf(AttributeType.Any),
        "any" => AttributeType.Any,
        _ => null,
    };

    private static void ReadVariablesFile(string path, string displayName, ImmutableDictionary<string, VariableDefinition>.Builder definitions,
        Dictionary<string, Value> values, DiagnosticBag diagnostics)
    {
        SyntaxNode? document;
        try
        {
            document = YamlSyntaxReader.Read(File.ReadAllText(path), displayName);
        }
        catch (LabException e)
        {
            diagnostics.Add(e);
            return;
        }
        if (document is null)
            return;
        if (document is not MappingSyntax mapping)
        {
            diagnostics.Add(document.Span, $"{displayName} must be a mapping of variable names to values");
            return;
        }
        foreach (var entry in mapping.Entries)
        {
            if (!definitions.TryGetValue(entry.Key.Text, out var definition))
            {
                diagnostics.Add(entry.Key.Span, $"{displayName} sets `{entry.Key.Text}`, which the lab does not declare",
                    NameSuggester.Hint(entry.Key.Text, definitions.Keys.ToList(), "variable"));
                continue;
            }
            var value = ReadLiteral(entry.Value, $"`{entry.Key.Text}`", diagnostics);
            if (value is null)
                continue;
            if (definition.Type.Convert(value) is { } converted)
                values[definition.Name] = converted;
            else
                diagnostics.Add(entry.Value.Span, $"`{definition.Name}` must be {definition.Type}, not a {value.TypeName}");
        }
    }

    /// <summary>A value given as text (environment, command line): parsed as YAML unless the variable is a string.</summary>
    private static void SetFromText(VariableDefinition definition, string text, string origin, Dictionary<string, Value> values, DiagnosticBag diagnostics)
    {
        Value value;
        if (definition.Type == AttributeType.String)
        {
            value = Value.String(text);
        }
        else
        {
            try
            {
                var node = YamlSyntaxReader.Read(text, origin);
                value = node is null ? Value.String(text) : ReadLiteral(node, origin, diagnostics) ?? Value.String(text);
            }
            catch (LabException)
            {
                value = Value.String(text);
            }
        }
        if (definition.Type.Convert(value) is { } converted)
            values[definition.Name] = converted;
        else
            diagnostics.Add(SourceSpan.None, $"{origin}: `{definition.Name}` must be {definition.Type}, not \"{(definition.Sensitive ? "(sensitive value)" : text)}\"",
                $"pass a {definition.Type} value");
    }

    /// <summary>A value with no interpolation (variables cannot refer to anything).</summary>
    private static Value? ReadLiteral(SyntaxNode node, string what, DiagnosticBag diagnostics)
    {
        Expression expression;
        try
        {
            expression = ExpressionParser.FromSyntax(node);
        }
        catch (LabException e)
        {
            diagnostics.Add(e);
            return null;
        }
        if (expression.Descendants().FirstOrDefault(d => d is ReferenceExpression or SecretExpression or TemplateExpression) is { } dynamic)
        {
            diagnostics.Add(dynamic.Span, $"{what} must be a plain value; it cannot use `${{…}}`", "write the value itself; use `$${` for a literal `${`");
            return null;
        }
        return ToValue(expression);
    }

    private static Value ToValue(Expression expression) => expression switch
    {
        LiteralExpression l => l.Value,
        ListExpression l => Value.List(l.Items.Select(ToValue)),
        MapExpression m => Value.Map(m.Entries.Select(e => KeyValuePair.Create(e.Key, ToValue(e.Value)))),
        _ => Value.Null,
    };
}
