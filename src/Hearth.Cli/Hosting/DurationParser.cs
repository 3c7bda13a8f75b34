using System.Globalization;

namespace Hearth.Cli.Hosting;

/// <summary>Durations as Terraform writes them: <c>0s</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>500ms</c>; a bare number is seconds.</summary>
internal static class DurationParser
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        text = text.Trim();
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], "ms")
            : text.Length > 0 && char.IsAsciiLetter(text[^1]) ? (text[..^1], text[^1..])
            : (text, "s");
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            return false;
        duration = unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            "s" => TimeSpan.FromSeconds(value),
            "m" => TimeSpan.FromMinutes(value),
            "h" => TimeSpan.FromHours(value),
            _ => TimeSpan.MinValue,
        };
        return duration != TimeSpan.MinValue;
    }
}
