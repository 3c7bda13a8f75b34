using System.Globalization;

namespace Hearth.Dns.Records;

/// <summary>The pieces every value parser reads the same way (numbers, host names), with errors that name the record.</summary>
internal static class RecordValueText
{
    public static string[] Fields(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    public static int UInt16(string field, string recordName, DnsRecordType type, string what) =>
        Number(field, ushort.MaxValue, recordName, type, what);

    public static int Number(string field, int max, string recordName, DnsRecordType type, string what)
    {
        if (field.Length is > 0 and <= 5 && field.All(char.IsAsciiDigit) &&
            int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= max)
        {
            return number;
        }
        throw new DnsRecordException(recordName, type, $"the {what} '{field}' is not a whole number from 0 to {max}", null);
    }

    /// <summary>Reads a host name inside a value; an address is refused because a target must be a name.</summary>
    public static DnsName Host(string field, DnsNameContext names, string recordName, DnsRecordType type)
    {
        if (AddressValue.NormaliseIpv4(field.TrimEnd('.'), out _) is not null || AddressValue.NormaliseIpv6(field, out _) is not null)
        {
            throw new DnsRecordException(recordName, type, $"the target '{field}' is an address; a {type} target must be a host name",
                type == DnsRecordType.CNAME ? "use an A or AAAA record for an address" : "point it at a name that has A or AAAA records");
        }
        try
        {
            return names.Target(field);
        }
        catch (DnsRecordException e)
        {
            var problem = e.Problems[0];
            throw new DnsRecordException(recordName, type, $"the target '{field.Trim()}': {problem.Message}", problem.Hint);
        }
    }

    public static DnsRecordException Malformed(string recordName, DnsRecordType type, string text, string problem, string? hint) =>
        new(recordName, type, $"'{text.Trim()}' is not a valid {type} value: {problem}", hint);
}
