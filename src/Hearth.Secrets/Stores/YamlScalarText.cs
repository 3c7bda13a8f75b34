using System.Globalization;

namespace Hearth.Secrets.Stores;

/// <summary>The YAML 1.2 core schema as go-yaml v3 applies it: how a plain scalar is typed, and how a typed value is written.</summary>
internal static class YamlScalarText
{
    public static object? Typed(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return integer;
        // Hex and octal past 64 bits (or, for hex, past long.MaxValue, which .NET would read as negative) stay
        // strings: a long cannot hold them.
        if (text.StartsWith("0x", StringComparison.Ordinal) && ulong.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            return hex <= long.MaxValue ? (long)hex : text;
        if (text.StartsWith("0o", StringComparison.Ordinal) && text.Length > 2 && text[2..].All(c => c is >= '0' and <= '7'))
            return Octal(text[2..]) is { } octal ? octal : text;
        if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.') &&
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return number;
        return text;
    }

    private static long? Octal(string digits)
    {
        long value = 0;
        foreach (var digit in digits)
        {
            if (value > (long.MaxValue >> 3))
                return null;
            value = (value << 3) | (long)(digit - '0');
        }
        return value;
    }

    /// <summary>A YAML timestamp, which go-yaml quotes when it is written as a string (sops's lastmodified).</summary>
    public static bool LooksLikeTimestamp(string text) =>
        text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-' && text[7] == '-' &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    /// <summary>A number or boolean as YAML text that reads back as the same type.</summary>
    public static string Plain(object? value) => value switch
    {
        null => "null",
        bool flag => flag ? "true" : "false",
        long number => number.ToString(CultureInfo.InvariantCulture),
        double.PositiveInfinity => ".inf",
        double.NegativeInfinity => "-.inf",
        double.NaN => ".nan",
        double number => FloatText(number),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Shortest round-trip form, with a decimal point so it reads back as a float.</summary>
    private static string FloatText(double number)
    {
        var text = number.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text.Replace("E", "e", StringComparison.Ordinal) : text + ".0";
    }
}
