using System.Collections.Immutable;

namespace Hearth.Dns.Records;

/// <summary>Reads record type names as users and servers write them (any case), refusing the types Hearth does not manage.</summary>
internal static class DnsRecordTypes
{
    /// <summary>Every managed type, in the order zone files and plans list them.</summary>
    public static readonly ImmutableArray<DnsRecordType> All = [.. Enum.GetValues<DnsRecordType>()];

    /// <summary>The list error messages show: <c>A, AAAA, CNAME, …</c>.</summary>
    public static string Supported => string.Join(", ", All);

    /// <exception cref="DnsRecordException">Not a managed type; the message lists those that are.</exception>
    public static DnsRecordType Parse(string text, string recordName)
    {
        if (TryParse(text, out var type))
            return type;
        throw new DnsRecordException(recordName, null, $"'{text}' is not a record type Hearth manages",
            $"use one of {Supported}");
    }

    /// <summary>Exact names only: unlike Enum.TryParse this refuses numbers ("1") and comma lists ("A,MX").</summary>
    public static bool TryParse(string text, out DnsRecordType type)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }

    /// <summary>Types whose value is one domain name (a target).</summary>
    public static bool HoldsName(this DnsRecordType type) => type is DnsRecordType.CNAME or DnsRecordType.NS or DnsRecordType.PTR;
}
