using System.Globalization;
using System.Text;
using Hearth.Core.Values;

namespace Hearth.Cli.Rendering;

/// <summary>How single values read in plans and state listings: quoted strings, (sensitive value), (known after apply).</summary>
internal static class ValueText
{
    public const string Sensitive = "(sensitive value)";
    public const string Unknown = "(known after apply)";

    /// <summary>One value on one line; lists and maps in flow form.</summary>
    public static string Format(Value? value) => value switch
    {
        null or NullValue => "null",
        SensitiveValue => Sensitive,
        UnknownValue => Unknown,
        StringValue s => Quote(s.Text),
        NumberValue or BoolValue => value.ToText(),
        ListValue l => l.Items.Count == 0 ? "[]" : "[" + string.Join(", ", l.Items.Select(Format)) + "]",
        MapValue m => m.Entries.Count == 0 ? "{}" : "{ " + string.Join(", ", m.Entries.Select(e => $"{Key(e.Key)} = {Format(e.Value)}")) + " }",
        _ => value.ToString(),
    };

    public static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    quoted.Append("\\\"");
                    break;
                case '\\':
                    quoted.Append("\\\\");
                    break;
                case '\n':
                    quoted.Append("\\n");
                    break;
                case '\r':
                    quoted.Append("\\r");
                    break;
                case '\t':
                    quoted.Append("\\t");
                    break;
                case var control when char.IsControl(control):
                    quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)control:x4}");
                    break;
                default:
                    quoted.Append(c);
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>A map key bare when it reads as a name, quoted otherwise.</summary>
    public static string Key(string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? key
            : Quote(key);
}
