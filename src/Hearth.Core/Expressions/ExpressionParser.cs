using System.Collections.Immutable;
using System.Globalization;
using Hearth.Core.Diagnostics;
using Hearth.Core.Syntax;
using Hearth.Core.Values;

namespace Hearth.Core.Expressions;

/// <summary>
/// Turns YAML syntax into expressions: plain scalars get YAML 1.2 core-schema types, quoted scalars stay
/// strings, and <c>${…}</c> inside any scalar becomes an interpolation (<c>$${</c> is a literal <c>${</c>).
/// </summary>
public static class ExpressionParser
{
    /// <exception cref="LabException">An interpolation is malformed.</exception>
    public static Expression FromSyntax(SyntaxNode node) => node switch
    {
        ScalarSyntax s => FromScalar(s),
        SequenceSyntax l => new ListExpression([.. l.Items.Select(FromSyntax)], l.Span),
        MappingSyntax m => new MapExpression(
            [.. m.Entries.Select(e => new MapEntryExpression(e.Key.Text, e.Key.Span, FromSyntax(e.Value)))], m.Span),
        _ => throw new InvalidOperationException("unexpected syntax node"),
    };

    public static Expression FromScalar(ScalarSyntax scalar)
    {
        if (!scalar.Text.Contains("${", StringComparison.Ordinal))
            return new LiteralExpression(scalar.Quoted ? Value.String(scalar.Text) : PlainScalar(scalar.Text), scalar.Span);
        return ParseTemplate(scalar.Text, scalar.Span, scalar.Quoted ? 1 : 0);
    }

    /// <summary>The YAML 1.2 core schema: null, booleans, integers and decimals; anything else is a string.</summary>
    public static Value PlainScalar(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return Value.Null;
            case "true" or "True" or "TRUE":
                return Value.True;
            case "false" or "False" or "FALSE":
                return Value.False;
        }
        if (text.StartsWith("0x", StringComparison.Ordinal) &&
            long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            return Value.Number(hex);
        if (text.StartsWith("0o", StringComparison.Ordinal) && text.Length > 2 && text[2..].All(c => c is >= '0' and <= '7'))
            return Value.Number(Convert.ToInt64(text[2..], 8));
        if (LooksNumeric(text) &&
            decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var number))
            return Value.Number(number);
        return Value.String(text);
    }

    private static bool LooksNumeric(string text) =>
        text.Length > 0 && (char.IsAsciiDigit(text[0]) || (text.Length > 1 && text[0] is '-' or '+' or '.' && (char.IsAsciiDigit(text[1]) || text[1] == '.')));

    /// <param name="quoteOffset">1 when the scalar was quoted, so columns point inside the quotes.</param>
    private static Expression ParseTemplate(string text, SourceSpan span, int quoteOffset)
    {
        var parts = ImmutableArray.CreateBuilder<Expression>();
        var literal = new System.Text.StringBuilder();
        var interpolations = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                literal.Append("${");
                i += 3;
                continue;
            }
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var exprSpan = Offset(span, text, i + quoteOffset);
                var close = FindClose(text, i + 2);
                if (close < 0)
                    throw new LabException(exprSpan, "unterminated interpolation: `${` has no closing `}`", "close it with `}`, or write `$${` for a literal `${`");
                if (literal.Length > 0)
                {
                    parts.Add(new LiteralExpression(Value.String(literal.ToString()), span));
                    literal.Clear();
                }
                parts.Add(ParseInner(text[(i + 2)..close].Trim(), exprSpan));
                interpolations++;
                i = close + 1;
                continue;
            }
            literal.Append(text[i]);
            i++;
        }
        if (literal.Length > 0)
            parts.Add(new LiteralExpression(Value.String(literal.ToString()), span));
        // Exactly one `${…}` and nothing around it keeps the value's own type; text whose only `${` was escaped is plain text.
        if (interpolations == 0)
            return new LiteralExpression(Value.String(literal.ToString()), span);
        return parts.Count == 1 && interpolations == 1 ? parts[0] : new TemplateExpression(parts.ToImmutable(), span);
    }

    private static SourceSpan Offset(SourceSpan span, string text, int index) =>
        text.AsSpan(0, Math.Min(index, text.Length)).Contains('\n') ? span : span with { Column = span.Column + index };

    private static int FindClose(string text, int from)
    {
        var inString = false;
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '"' && (i == 0 || text[i - 1] != '\\'))
                inString = !inString;
            else if (text[i] == '}' && !inString)
                return i;
        }
        return -1;
    }

    /// <summary>Parses the text between <c>${</c> and <c>}</c>.</summary>
    public static Expression ParseInner(string inner, SourceSpan span)
    {
        if (inner.StartsWith("secret:", StringComparison.Ordinal))
        {
            var body = inner["secret:".Length..];
            var hash = body.LastIndexOf('#');
            if (hash <= 0 || hash == body.Length - 1)
                throw new LabException(span, $"`${{{inner}}}` is not a valid secret reference",
                    "write `${secret:PATH#KEY}`, e.g. `${secret:secrets/cloudflare.yaml#api_token}`");
            return new SecretExpression(body[..hash], body[(hash + 1)..], span);
        }
        if (inner.Length > 1 && inner[0] == '"' && inner[^1] == '"')
            return new LiteralExpression(Value.String(Addressing.ResourceAddress.Unescape(inner[1..^1])), span);
        if (inner.Length > 0 && (char.IsAsciiDigit(inner[0]) || inner[0] == '-'))
            return new LiteralExpression(PlainScalar(inner), span);
        return new ReferenceExpression(ParseTraversal(inner, span), span);
    }

    private static ImmutableArray<TraversalStep> ParseTraversal(string text, SourceSpan span)
    {
        var steps = ImmutableArray.CreateBuilder<TraversalStep>();
        var i = 0;
        steps.Add(new AttributeStep(ReadIdentifier(text, ref i, span)));
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                i++;
                steps.Add(new AttributeStep(ReadIdentifier(text, ref i, span)));
            }
            else if (text[i] == '[')
            {
                var close = MatchingBracket(text, i);
                if (close < 0)
                    throw Invalid(text, span, "a `[` has no closing `]`");
                var key = text[(i + 1)..close].Trim();
                if (key.Length >= 2 && key[0] == '"' && key[^1] == '"')
                    steps.Add(new IndexStep(Value.String(Addressing.ResourceAddress.Unescape(key[1..^1]))));
                else if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    steps.Add(new IndexStep(Value.Number(index)));
                else if (key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_'))
                    steps.Add(new DynamicIndexStep(new ReferenceExpression(ParseTraversal(key, span), span)));
                else
                    throw Invalid(text, span, $"`[{key}]` must be a number, a quoted string or a reference");
                i = close + 1;
            }
            else
            {
                throw Invalid(text, span, $"unexpected `{text[i]}`");
            }
        }
        return steps.ToImmutable();
    }

    private static int MatchingBracket(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '[')
                depth++;
            else if (text[i] == ']' && --depth == 0)
                return i;
        }
        return -1;
    }

    private static string ReadIdentifier(string text, ref int i, SourceSpan span)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-'))
            i++;
        if (i == start)
            throw Invalid(text, span, "expected a name");
        return text[start..i];
    }

    private static LabException Invalid(string text, SourceSpan span, string problem) =>
        new(span, $"`${{{text}}}` is not a valid expression: {problem}",
            "write a reference such as `${var.name}`, `${kind.name.attribute}` or `${kind.name[\"key\"].attribute}`");
}
