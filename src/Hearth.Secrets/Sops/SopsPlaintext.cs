using System.Globalization;
using System.Text;

namespace Hearth.Secrets.Sops;

/// <summary>
/// A value's exact bytes as sops's Go code renders them: what gets encrypted, and what the MAC covers. Numbers
/// and booleans follow Go's formatting (<c>True</c>, never exponent form for floats), not .NET's.
/// </summary>
internal static class SopsPlaintext
{
    public static byte[] Bytes(object value) => value switch
    {
        byte[] bytes => bytes,
        bool flag => Encoding.UTF8.GetBytes(flag ? "True" : "False"),
        long number => Encoding.UTF8.GetBytes(number.ToString(CultureInfo.InvariantCulture)),
        double number => Encoding.UTF8.GetBytes(GoFloat(number)),
        _ => Encoding.UTF8.GetBytes(value.ToString() ?? ""),
    };

    /// <summary>The <c>type:</c> tag of an encrypted value.</summary>
    public static string TypeName(object value) => value switch
    {
        long => "int",
        double => "float",
        bool => "bool",
        _ => "str", // Bytes too: sops's strings are byte strings, and its binary store expects a str.
    };

    /// <summary>Go's FormatFloat(f, 'f', -1, 64): shortest round-trip digits, never in exponent form.</summary>
    public static string GoFloat(double number)
    {
        var text = number.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('E', StringComparison.Ordinal))
            return text;
        var mantissa = text[..text.IndexOf('E', StringComparison.Ordinal)];
        var exponent = int.Parse(text[(text.IndexOf('E', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
        var negative = mantissa.StartsWith('-');
        var digits = mantissa.TrimStart('-').Replace(".", "", StringComparison.Ordinal);
        var point = mantissa.TrimStart('-').IndexOf('.', StringComparison.Ordinal) is var p and >= 0 ? p : mantissa.TrimStart('-').Length;
        var position = point + exponent;
        string result;
        if (position <= 0)
            result = "0." + new string('0', -position) + digits;
        else if (position >= digits.Length)
            result = digits + new string('0', position - digits.Length);
        else
            result = digits[..position] + "." + digits[position..];
        return (negative ? "-" : "") + result;
    }
}
