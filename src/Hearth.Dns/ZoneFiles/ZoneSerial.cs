namespace Hearth.Dns.ZoneFiles;

/// <summary>
/// The next SOA serial, so secondaries and caches see every write as newer: today's date as YYYYMMDD00 when that is
/// larger than the current serial, otherwise the current serial plus one. Past 4294967295 it wraps to 0, which serial
/// arithmetic (RFC 1982) still reads as newer.
/// </summary>
internal static class ZoneSerial
{
    public static uint Next(uint current, DateOnly today)
    {
        var dated = ((uint)today.Year * 1_000_000) + ((uint)today.Month * 10_000) + ((uint)today.Day * 100);
        return dated > current ? dated : unchecked(current + 1);
    }
}
