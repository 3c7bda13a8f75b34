using System.Text;
using Hearth.Core.Diagnostics;
using Hearth.Core.Expressions;
using Hearth.Core.Syntax;
using Hearth.Core.Values;

namespace Hearth.Core.Labs;

/// <summary>What every module's <see cref="ILabSection"/> needs to read its section the same way: settings checked by name, plain-text settings, literal arguments, address-safe names.</summary>
public static class SectionSyntax
{
    /// <summary>Reports every setting of <paramref name="mapping"/> not in <paramref name="known"/>, with a suggestion.</summary>
    public static void CheckKeys(MappingSyntax mapping, string[] known, string what, DiagnosticBag diagnostics)
    {
        foreach (var entry in mapping.Entries.Where(e => !known.Contains(e.Key.Text)))
            diagnostics.Add(entry.Key.Span, $"`{entry.Key.Text}` is not a setting of {what}", NameSuggester.Hint(entry.Key.Text, known, "setting"));
    }

    /// <summary>A setting that must be written as plain text (no <c>${…}</c>): names, types, providers; null (reported) otherwise.</summary>
    public static (string Text, SourceSpan Span)? Literal(MappingEntry? entry, DiagnosticBag diagnostics)
    {
        if (entry is null)
            return null;
        if (entry.Value is ScalarSyntax scalar && !scalar.Text.Contains("${", StringComparison.Ordinal))
            return (scalar.Text, scalar.Span);
        diagnostics.Add(entry.Value.Span, $"{entry.Key.Text} must be plain text here, not {(entry.Value is ScalarSyntax ? "an expression" : entry.Value.Describe())}");
        return null;
    }

    /// <summary>A resource argument holding <paramref name="value"/> as text, placed at <paramref name="span"/>.</summary>
    public static MapEntryExpression Text(string key, string value, SourceSpan span) =>
        new(key, span, new LiteralExpression(Value.String(value), span));

    /// <summary>A name made address-safe: anything an address cannot hold becomes <c>_</c>; a leading digit gets one in front.</summary>
    public static string AddressPart(string text)
    {
        var part = new StringBuilder(text.Length + 1);
        foreach (var c in text)
            part.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        if (part.Length == 0 || !(char.IsAsciiLetter(part[0]) || part[0] == '_'))
            part.Insert(0, '_');
        return part.ToString();
    }
}
