using Hearth.Core.Diagnostics;
using Hearth.Dns.Records;

namespace Hearth.Dns.Providers;

/// <summary>
/// A change was not made because the zone no longer holds, at <see cref="Key"/>, what Hearth expected there (a set
/// that appeared, vanished or changed since it was read): someone else changed the zone; plan again.
/// </summary>
internal sealed class DnsRecordChangedException(DnsRecordKey key, string message)
    : ResourceException(message, "run plan again to see the zone as it is now, then apply")
{
    public DnsRecordKey Key { get; } = key;
}
