using System.Collections.Concurrent;

namespace Hearth.Dns.Providers.PowerDns;

/// <summary>
/// One PATCH at a time per zone of one server, across every record of a run. PowerDNS runs each PATCH as a database
/// transaction on the zone; with the gsqlite3 backend two at once make the second fail with 500 (database locked),
/// and with others they only queue on the zone anyway.
/// </summary>
internal sealed class PowerDnsWriteGates
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public SemaphoreSlim For(PowerDnsSettings settings, string zone) =>
        _gates.GetOrAdd($"{settings.BaseUrl}|{settings.ServerId}|{zone}", _ => new SemaphoreSlim(1, 1));
}
