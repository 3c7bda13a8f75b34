using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Hearth.Secrets.Config;

/// <summary>
/// Compiles a pattern written for Go's RE2, as sops reads <c>.sops.yaml</c>, into a .NET regex that matches the
/// same text. RE2 syntax is nearly a subset of .NET's; the spellings that differ are rewritten, and the
/// non-backtracking engine refuses what RE2 refuses too (look-around, back-references) and cannot blow up.
/// </summary>
/// <remarks>
/// Not translated, because a file path never shows the difference: <c>\d</c>, <c>\w</c>, <c>\s</c> and <c>\b</c>
/// are ASCII in RE2 and Unicode here, and <c>$</c> here also matches before a final newline.
/// </remarks>
internal static class GoRegex
{
    /// <exception cref="ArgumentException">Not a valid pattern.</exception>
    /// <exception cref="NotSupportedException">A construct RE2 does not have (look-around, back-reference, atomic group).</exception>
    public static Regex Compile(string pattern) =>
        new(Translate(pattern), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    internal static string Translate(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                i = TranslateEscape(pattern, i, inClass, result);
                continue;
            }
            if (inClass)
            {
                if (c == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':')
                {
                    i = TranslatePosixClass(pattern, i, result);
                    continue;
                }
                if (c == ']')
                    inClass = false;
                result.Append(c);
                i++;
                continue;
            }
            if (c == '[')
            {
                inClass = true;
                result.Append(c);
                i++;
                if (i < pattern.Length && pattern[i] == '^')
                    result.Append(pattern[i++]);
                // RE2 reads a `]` right after the opening bracket as a literal.
                if (i < pattern.Length && pattern[i] == ']')
                {
                    result.Append(@"\]");
                    i++;
                }
                continue;
            }
            if (string.CompareOrdinal(pattern, i, "(?P<", 0, 4) == 0)
            {
                result.Append("(?<");
                i += 4;
                continue;
            }
            result.Append(c);
            i++;
        }
        return result.ToString();
    }

    private static int TranslateEscape(string pattern, int i, bool inClass, StringBuilder result)
    {
        var next = pattern[i + 1];
        switch (next)
        {
            case 'Q':
                // \Q…\E quotes literally, up to \E or the end of the pattern.
                var end = pattern.IndexOf(@"\E", i + 2, StringComparison.Ordinal);
                var literal = end < 0 ? pattern[(i + 2)..] : pattern[(i + 2)..end];
                result.Append(inClass ? EscapeInClass(literal) : Regex.Escape(literal));
                return end < 0 ? pattern.Length : end + 2;
            case 'p' or 'P' when i + 2 < pattern.Length && pattern[i + 2] != '{':
                // RE2's one-letter class name \pL; .NET wants braces.
                result.Append('\\').Append(next).Append('{').Append(pattern[i + 2]).Append('}');
                return i + 3;
            case 'x' when i + 2 < pattern.Length && pattern[i + 2] == '{':
                var close = pattern.IndexOf('}', i + 3);
                if (close < 0 || !int.TryParse(pattern.AsSpan(i + 3, close - i - 3), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                    || code > 0x10FFFF)
                    throw new ArgumentException($"invalid escape `{pattern[i..Math.Min(pattern.Length, close < 0 ? pattern.Length : close + 1)]}`");
                var text = char.ConvertFromUtf32(code);
                result.Append(inClass ? EscapeInClass(text) : Regex.Escape(text));
                return close + 1;
            default:
                result.Append('\\').Append(next);
                return i + 2;
        }
    }

    private static int TranslatePosixClass(string pattern, int i, StringBuilder result)
    {
        var close = pattern.IndexOf(":]", i + 2, StringComparison.Ordinal);
        if (close < 0)
        {
            result.Append(@"\[");
            return i + 1;
        }
        var name = pattern[(i + 2)..close];
        var members = name switch
        {
            "alnum" => "0-9A-Za-z",
            "alpha" => "A-Za-z",
            "ascii" => @"\x00-\x7F",
            "blank" => @"\t ",
            "cntrl" => @"\x00-\x1F\x7F",
            "digit" => "0-9",
            "graph" => "!-~",
            "lower" => "a-z",
            "print" => " -~",
            "punct" => @"!-/:-@\[-`{-~",
            "space" => @"\t\n\v\f\r ",
            "upper" => "A-Z",
            "word" => "0-9A-Za-z_",
            "xdigit" => "0-9A-Fa-f",
            _ => throw new ArgumentException($"unknown or negated character class `[:{name}:]`"),
        };
        result.Append(members);
        return close + 2;
    }

    private static string EscapeInClass(string literal)
    {
        var escaped = new StringBuilder(literal.Length * 2);
        foreach (var c in literal)
        {
            if (c is '\\' or ']' or '[' or '^' or '-')
                escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
