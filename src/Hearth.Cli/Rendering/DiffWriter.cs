using Hearth.Core.Values;
using Spectre.Console;

namespace Hearth.Cli.Rendering;

/// <summary>
/// Writes the attribute lines of a change the way Terraform users read them: a symbol column, aligned names,
/// <c>old -> new</c>, nested blocks for maps and lists, unchanged attributes folded into a count.
/// </summary>
internal sealed class DiffWriter(Terminal terminal)
{
    /// <summary>Writes the attributes of one object between a header and its closing brace.</summary>
    /// <param name="showUnchanged">Creates and deletes show every attribute; updates only what changes.</param>
    public void WriteBody(MapValue? before, MapValue? after, int indent, IReadOnlySet<string> forcing, bool showUnchanged)
    {
        var rows = Rows(before, after);
        var shown = showUnchanged ? rows : rows.FindAll(r => r.Symbol != ' ');
        var width = shown.Count == 0 ? 0 : shown.Max(r => r.Name.Length);
        foreach (var row in shown)
            WriteRow(row, indent, width, forcing.Contains(row.Name));
        var hidden = rows.Count - shown.Count;
        if (hidden > 0)
            terminal.Line(Pad(indent + 4) + $"# ({hidden} unchanged attribute{(hidden == 1 ? "" : "s")} hidden)", Styles.Muted);
    }

    private readonly record struct Row(char Symbol, string Name, Value? Before, Value? After);

    /// <summary>One row per attribute either side has, in key order (both maps keep their keys sorted: a merge).</summary>
    private static List<Row> Rows(MapValue? before, MapValue? after)
    {
        var old = before?.Entries ?? ValueMap.Empty;
        var current = after?.Entries ?? ValueMap.Empty;
        var rows = new List<Row>(Math.Max(old.Count, current.Count));
        using var left = old.GetEnumerator();
        using var right = current.GetEnumerator();
        var hasLeft = left.MoveNext();
        var hasRight = right.MoveNext();
        while (hasLeft || hasRight)
        {
            var order = !hasLeft ? 1 : !hasRight ? -1 : string.CompareOrdinal(left.Current.Key, right.Current.Key);
            var name = order <= 0 ? left.Current.Key : right.Current.Key;
            var b = order <= 0 ? left.Current.Value : null;
            var a = order >= 0 ? right.Current.Value : null;
            if (SymbolFor(b, a) is { } symbol)
                rows.Add(new Row(symbol, name, b, a));
            if (order <= 0)
                hasLeft = left.MoveNext();
            if (order >= 0)
                hasRight = right.MoveNext();
        }
        return rows;
    }

    /// <summary>'+', '-', '~', ' ' (unchanged), or null when both sides are empty.</summary>
    private static char? SymbolFor(Value? before, Value? after)
    {
        var beforeEmpty = before is null or NullValue;
        var afterEmpty = after is null or NullValue;
        if (beforeEmpty && afterEmpty)
            return null;
        if (beforeEmpty)
            return '+';
        if (afterEmpty)
            return '-';
        if (after!.ContainsUnknown)
            return '~';
        return Equals(before!.Unmarked(), after.Unmarked()) ? ' ' : '~';
    }

    private void WriteRow(Row row, int indent, int width, bool forcesReplacement)
    {
        var name = ValueText.Key(row.Name);
        var lead = Pad(indent) + row.Symbol.ToString().PadLeft(3);
        var head = " " + name.PadRight(width) + " = ";
        var suffix = forcesReplacement ? " # forces replacement" : "";
        var style = StyleOf(row.Symbol);
        var before = row.Before;
        var after = row.After;

        if (before is SensitiveValue || after is SensitiveValue)
        {
            var text = row.Symbol switch
            {
                '-' => $"{ValueText.Sensitive} -> null",
                _ => ValueText.Sensitive,
            };
            Write(lead, head + text + suffix, style);
            return;
        }
        switch (row.Symbol)
        {
            case '+' when after is MapValue or ListValue:
                WriteNested(lead, head, suffix, null, after, indent, style);
                break;
            case '-' when before is MapValue or ListValue:
                WriteNested(lead, head, " -> null" + suffix, before, null, indent, style);
                break;
            case '~' when before is MapValue && after is MapValue:
                WriteNested(lead, head, suffix, before, after, indent, style);
                break;
            case '~' when before is ListValue && after is ListValue:
                WriteNested(lead, head, suffix, before, after, indent, style);
                break;
            case '+':
            case ' ':
                Write(lead, head + ValueText.Format(after) + suffix, style);
                break;
            case '-':
                Write(lead, head + ValueText.Format(before) + " -> null" + suffix, style);
                break;
            default:
                Write(lead, head + $"{ValueText.Format(before)} -> {ValueText.Format(after)}{suffix}", style);
                break;
        }
    }

    private void WriteNested(string lead, string head, string closingSuffix, Value? before, Value? after, int indent, Style? style)
    {
        var isList = (before ?? after) is ListValue;
        var empty = (before, after) switch
        {
            (null, ListValue { Items.Count: 0 }) or (ListValue { Items.Count: 0 }, null) => true,
            (null, MapValue { Entries.Count: 0 }) or (MapValue { Entries.Count: 0 }, null) => true,
            _ => false,
        };
        if (empty)
        {
            Write(lead, head + (isList ? "[]" : "{}") + closingSuffix, style);
            return;
        }
        Write(lead, head + (isList ? "[" : "{"), style);
        if (isList)
            WriteListItems(before as ListValue, after as ListValue, indent + 4);
        else
            WriteBody(before as MapValue, after as MapValue, indent + 4, new HashSet<string>(), showUnchanged: before is null || after is null);
        terminal.Line(Pad(indent + 4) + (isList ? "]" : "}") + closingSuffix);
    }

    private void WriteListItems(ListValue? before, ListValue? after, int indent)
    {
        var old = before?.Items ?? ValueList.Empty;
        var current = after?.Items ?? ValueList.Empty;
        for (var i = 0; i < Math.Max(old.Count, current.Count); i++)
        {
            var b = i < old.Count ? old[i] : null;
            var a = i < current.Count ? current[i] : null;
            if (b is not null && a is not null && Equals(b.Unmarked(), a.Unmarked()) && !a.ContainsUnknown)
            {
                terminal.Line(Pad(indent) + "    " + ValueText.Format(a) + ",");
                continue;
            }
            if (b is not null)
                terminal.Line(Pad(indent) + "  - " + ValueText.Format(b) + ",", Styles.Delete);
            if (a is not null)
                terminal.Line(Pad(indent) + "  + " + ValueText.Format(a) + ",", Styles.Create);
        }
    }

    private void Write(string lead, string rest, Style? style) => terminal.Line([(lead, style), (rest, null)]);

    public static Style? StyleOf(char symbol) => symbol switch
    {
        '+' => Styles.Create,
        '-' => Styles.Delete,
        '~' => Styles.Update,
        _ => (Style?)null,
    };

    private static string Pad(int count) => new(' ', count);
}
