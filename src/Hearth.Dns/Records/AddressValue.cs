using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hearth.Dns.Records;

/// <summary>
/// A and AAAA values in their one written form, so an address compares equal however it was typed: IPv4 as a
/// dotted quad without leading zeros, IPv6 as RFC 5952 §4 writes it (lower case, no leading zeros, the longest run
/// of two or more zero groups as <c>::</c>, the first such run on a tie, and IPv4-mapped addresses as
/// <c>::ffff:192.0.2.1</c> per §5). The formatting is ours rather than IPAddress.ToString's, so it cannot shift
/// with the runtime.
/// </summary>
internal static class AddressValue
{
    /// <summary>Returns the IPv4 address in normal form, or null with the reason when the text is not one.</summary>
    public static string? NormaliseIpv4(string text, out string? problem)
    {
        problem = null;
        var parts = text.Trim().Split('.');
        if (parts.Length != 4)
        {
            problem = "an IPv4 address has four decimal numbers separated by dots";
            return null;
        }
        var octets = new int[4];
        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit))
            {
                problem = "an IPv4 address has four decimal numbers separated by dots";
                return null;
            }
            // "010" is 8 to inet_aton and 10 to others: refuse rather than guess.
            if (part.Length > 1 && part[0] == '0')
            {
                problem = $"'{part}' has a leading zero, which some tools read as octal";
                return null;
            }
            octets[i] = int.Parse(part, CultureInfo.InvariantCulture);
            if (octets[i] > 255)
            {
                problem = $"{part} is larger than 255";
                return null;
            }
        }
        return string.Join('.', octets);
    }

    /// <summary>Returns the IPv6 address in RFC 5952 form, or null with the reason when the text is not one.</summary>
    public static string? NormaliseIpv6(string text, out string? problem)
    {
        problem = null;
        var trimmed = text.Trim();
        // IPAddress.TryParse also takes scope ids, brackets and ports, none of which belong in a record.
        if (!trimmed.Contains(':', StringComparison.Ordinal) || trimmed.IndexOfAny(['%', '[', ']', '/', ' ']) >= 0 ||
            !IPAddress.TryParse(trimmed, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            problem = "an IPv6 address is up to eight groups of hex digits separated by colons, such as 2001:db8::1";
            return null;
        }
        return Format(address.GetAddressBytes());
    }

    private static string Format(byte[] bytes)
    {
        var groups = new int[8];
        for (var i = 0; i < 8; i++)
            groups[i] = (bytes[2 * i] << 8) | bytes[(2 * i) + 1];

        if (groups[..5].All(g => g == 0) && groups[5] == 0xffff)
            return $"::ffff:{bytes[12]}.{bytes[13]}.{bytes[14]}.{bytes[15]}";

        var (runStart, runLength) = LongestZeroRun(groups);
        var text = new StringBuilder(39);
        for (var i = 0; i < 8; i++)
        {
            if (i == runStart)
            {
                text.Append("::");
                i += runLength - 1;
                continue;
            }
            if (text.Length > 0 && text[^1] != ':')
                text.Append(':');
            text.Append(groups[i].ToString("x", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    /// <summary>The first longest run of at least two zero groups, or (-1, 0): a single zero group is never shortened.</summary>
    private static (int Start, int Length) LongestZeroRun(int[] groups)
    {
        var (bestStart, bestLength) = (-1, 0);
        for (var i = 0; i < groups.Length;)
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }
            var start = i;
            while (i < groups.Length && groups[i] == 0)
                i++;
            if (i - start > bestLength)
                (bestStart, bestLength) = (start, i - start);
        }
        return bestLength >= 2 ? (bestStart, bestLength) : (-1, 0);
    }
}
