using System.Globalization;

namespace Hearth.Dns.ZoneFiles;

/// <summary>TTLs and SOA timers as zone files write them: seconds (<c>300</c>) or BIND's units (<c>1h30m</c>, <c>2d</c>, <c>1w</c>).</summary>
internal static class ZoneTtl
{
    /// <summary>True when the token looks like a TTL at all (starts with a digit); a record type never does.</summary>
    public static bool LooksLikeTtl(string token) => token.Length > 0 && char.IsAsciiDigit(token[0]);

    /// <summary>The number of seconds, or null when the token is not a TTL up to 2147483647 seconds.</summary>
    public static int? TryParse(string token)
    {
        if (token.All(char.IsAsciiDigit))
            return long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var plain) && plain <= int.MaxValue ? (int)plain : null;
        long total = 0;
        var i = 0;
        while (i < token.Length)
        {
            var start = i;
            while (i < token.Length && char.IsAsciiDigit(token[i]))
                i++;
            if (i == start || i == token.Length || i - start > 10)
                return null;
            var number = long.Parse(token[start..i], CultureInfo.InvariantCulture);
            long? unit = char.ToLowerInvariant(token[i]) switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86_400,
                'w' => 604_800,
                _ => null,
            };
            if (unit is null)
                return null;
            total += number * unit.Value;
            if (total > int.MaxValue)
                return null;
            i++;
        }
        return (int)total;
    }
}
