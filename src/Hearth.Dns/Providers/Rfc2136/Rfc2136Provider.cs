using ARSoft.Tools.Net.Dns;
using ARSoft.Tools.Net.Dns.DynamicUpdate;
using Hearth.Core.Diagnostics;
using Hearth.Dns.Records;

namespace Hearth.Dns.Providers.Rfc2136;

/// <summary>
/// The <c>rfc2136</c> provider: a zone on a primary server (BIND, Knot, …) read by a zone transfer (AXFR over TCP),
/// one record set read by a query, and changes made by dynamic updates (RFC 2136), all signed with a TSIG key
/// (RFC 8945). An UPDATE message replaces record sets atomically, each guarded by a prerequisite that the set is
/// still what Hearth last saw; changes made at about the same time travel in one message (see
/// <see cref="DnsWriteBatcher"/>).
/// </summary>
internal sealed partial class Rfc2136Provider(Rfc2136Settings settings) : IBatchingDnsZoneProvider
{
    public const string Kind = "rfc2136";

    public async Task<DnsRecordSets> ListAsync(DnsName zone, CancellationToken cancellationToken)
    {
        var what = $"the zone transfer (AXFR) of {zone}";
        IReadOnlyList<DnsRecordBase> records;
        try
        {
            var address = (await settings.AddressesAsync(cancellationToken))[0];
            records = await ZoneTransfer.ReadAsync(address, settings.Port, zone, settings.Tsig, settings.Timeout, cancellationToken);
        }
        catch (ZoneTransferException e) when (e.Code is ReturnCode.NotAuthoritive or ReturnCode.Refused or ReturnCode.BadSig or ReturnCode.BadKey or ReturnCode.BadTime)
        {
            throw Refused(what, e.Message, zone, "the zone's allow-transfer names that key", e);
        }
        catch (ZoneTransferException e)
        {
            throw new ResourceException($"{what} from {Endpoint} failed: {e.Message}",
                $"check that {Endpoint} is a primary for {zone} and allows transfers with the key {settings.Tsig.Name}", e);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ResourceException($"{what}: no complete answer from {Endpoint} within {settings.Timeout.TotalSeconds:0.#} s ({e.Message})",
                $"check that the server runs and listens on TCP {Endpoint}, or raise providers.rfc2136.timeout", e);
        }
        return WireRecords.FromWire(zone, records);
    }

    public string Target => $"{Kind} {Endpoint} key {settings.Tsig.Name}";

    /// <summary>
    /// Bytes of changes per UPDATE. A DNS message may hold 65,535 bytes over TCP, but the message encoder points back
    /// to a name written earlier with the offset's top bits lost once it passes 16 KiB, so a name repeated beyond that
    /// would reach the server as another name (a CNAME target as ".", an owner outside the zone). Every message is
    /// kept inside the first 16 KiB: header, zone and these bytes.
    /// </summary>
    public int BatchBudget => 15_000;

    /// <summary>
    /// An upper bound of the change's bytes on the wire: its first record carries the owner name (written out in full
    /// here, though the message compresses it against the zone's name), the others point back to it; every record has
    /// ten bytes of type, class, TTL and length, and no value takes more bytes than its text plus a length byte per
    /// 255 bytes of character strings, but for an IPv6 address (16 bytes, however short its text: <c>::1</c>).
    /// </summary>
    public int CostOf(DnsZoneChange change)
    {
        const int Fixed = 10;
        const int Pointer = 2;
        var owner = change.Key.Name.Value.Length + 1 + Fixed;
        if (change is not DnsZoneChange.Put put)
            return owner;
        IReadOnlyCollection<string> expected = put.Expected is { } before ? before.Values : [];
        var records = Math.Max(1, expected.Count) + (put.Expected is null ? 0 : 1) + put.Set.Values.Count;
        var type = change.Key.Type;
        return owner + (records - 1) * (Pointer + Fixed) + put.Set.Values.Sum(v => ValueBytes(type, v)) + expected.Sum(v => ValueBytes(type, v));
    }

    private static int ValueBytes(DnsRecordType type, string value) =>
        type == DnsRecordType.AAAA ? 16 : value.Length + value.Length / 255 + 2;

    /// <summary>
    /// One UPDATE for all <paramref name="changes"/>: every prerequisite, then every update. The server checks all
    /// prerequisites first and applies all updates or none (RFC 2136 §3.2, §3.4).
    /// </summary>
    public async Task ApplyAsync(DnsName zone, IReadOnlyList<DnsZoneChange> changes, CancellationToken cancellationToken)
    {
        var what = changes switch
        {
            [DnsZoneChange.Put { Set: var set }] => $"the update of {set.Key}",
            [var single] => $"the deletion of {single.Key}",
            _ => $"the update of {changes.Count} record sets",
        };
        for (var attempt = 1; ; attempt++)
        {
            // A fresh message each time: its TSIG signature carries the time it is sent.
            var response = await ExchangeAsync(Update(zone, changes), cancellationToken);
            if (response is not null || attempt == MaxAttempts)
            {
                Check(response, zone, what, changes[0].Key, cancellationToken);
                return;
            }
            // No answer: the server may have made the change and the answer been lost. An UPDATE is all or nothing,
            // so look before sending again; the prerequisites would refuse a second copy anyway.
            if (await IsInEffectAsync(zone, changes, cancellationToken))
                return;
            await Task.Delay(RetryPause * attempt, cancellationToken);
        }
    }

    /// <summary>Sends of one UPDATE that got no answer before the change is reported as failed.</summary>
    private const int MaxAttempts = 3;

    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);

    /// <summary>True when the zone already holds what <paramref name="changes"/> make (read by one zone transfer).</summary>
    private async Task<bool> IsInEffectAsync(DnsName zone, IReadOnlyList<DnsZoneChange> changes, CancellationToken cancellationToken)
    {
        DnsRecordSets sets;
        try
        {
            sets = await ListAsync(zone, cancellationToken);
        }
        catch (ResourceException)
        {
            return false; // The server is still unwell: the next attempt's answer (or its absence) decides.
        }
        return changes.All(change => change is DnsZoneChange.Put put ? sets.Find(put.Set.Key) == put.Set : sets.Find(change.Key) is null);
    }

    /// <summary>
    /// One UPDATE for all <paramref name="changes"/>: every prerequisite, then every update. The server checks all
    /// prerequisites first and applies all updates or none (RFC 2136 §3.2, §3.4).
    /// </summary>
    private DnsUpdateMessage Update(DnsName zone, IReadOnlyList<DnsZoneChange> changes)
    {
        var update = new DnsUpdateMessage { ZoneName = WireRecords.NameOf(zone), TSigOptions = settings.Tsig.Sign() };
        foreach (var change in changes)
        {
            var owner = WireRecords.NameOf(change.Key.Name);
            var type = WireRecords.TypeOf(change.Key.Type);
            if (change is DnsZoneChange.Put put)
            {
                if (put.Expected is null)
                    update.Prequisites.Add(new RecordNotExistsPrequisite(owner, type));
                else
                {
                    // RFC 2136 §2.4.2: the set must hold exactly these records (their TTLs are not compared).
                    foreach (var record in WireRecords.ToWire(put.Expected))
                        update.Prequisites.Add(new RecordExistsValueDependantPrequisite(record));
                }
            }
            // A set made new needs no deletion first: its prerequisite says there is nothing to delete.
            if (change is not DnsZoneChange.Put { Expected: null })
                update.Updates.Add(new DeleteAllRecordsUpdate(owner, type));
            if (change is DnsZoneChange.Put { Set: var set })
            {
                foreach (var record in WireRecords.ToWire(set))
                    update.Updates.Add(new AddRecordUpdate(record));
            }
        }
        return update;
    }

    private string Endpoint => $"{settings.Server}:{settings.Port}";

    private async Task<DnsMessageBase?> ExchangeAsync(DnsUpdateMessage update, CancellationToken cancellationToken)
    {
        using var client = await ClientAsync(cancellationToken);
        return await client.SendUpdateAsync(update, cancellationToken);
    }

    /// <summary>Updates and transfers go over TCP only: transfers need it, and an update's answer is then never lost to UDP.</summary>
    private async Task<DnsClient> ClientAsync(CancellationToken cancellationToken) =>
        new(await settings.AddressesAsync(cancellationToken), [new TcpClientTransport(settings.Port)], true, (int)settings.Timeout.TotalMilliseconds);

    /// <exception cref="ResourceException">No answer in time, the key refused, a prerequisite failed, or any other error code.</exception>
    private void Check(DnsMessageBase? response, DnsName zone, string what, DnsRecordKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (response?.ReturnCode is ReturnCode.NXRRSet or ReturnCode.YXRRSet or ReturnCode.NxDomain or ReturnCode.YXDomain)
        {
            throw new DnsRecordChangedException(key,
                $"{what} was not made: the record set changed on {Endpoint} since Hearth read it ({ReturnCodeText(response)}: someone else changed it)");
        }
        if (response is null)
        {
            // ARSoft.Tools.Net reports a timeout, a refused connection and an unreadable answer alike, as no answer.
            throw new ResourceException($"{what}: no answer from {Endpoint} within {settings.Timeout.TotalSeconds:0.#} s, {MaxAttempts} times",
                $"check that the server runs and listens on TCP {Endpoint}, or raise providers.rfc2136.timeout; an update may have been applied: run plan to see");
        }
        switch (response.ReturnCode)
        {
            case ReturnCode.NoError:
                if (response.TSigOptions is not { ValidationResult: ReturnCode.NoError })
                    throw NotSigned(what);
                return;
            case ReturnCode.NotAuthoritive or ReturnCode.Refused or ReturnCode.BadSig or ReturnCode.BadKey or ReturnCode.BadTime:
                throw Refused(what, ReturnCodeText(response), zone, "the zone's allow-update and allow-transfer name that key");
            default:
                throw new ResourceException($"{what} failed on {Endpoint}: {ReturnCodeText(response)}",
                    "see the server's log for the reason (BIND refuses, for example, an MX or NS target inside the zone that has no address)");
        }
    }

    private ResourceException NotSigned(string what) =>
        new($"{what}: the answer from {Endpoint} is not signed with the key {settings.Tsig.Name}", "check that the server is the one configured with this TSIG key");

    /// <param name="access">What the server must allow the key, as the hint words it.</param>
    private ResourceException Refused(string what, string code, DnsName zone, string access, Exception? cause = null) => new(
        $"{what} was refused by {Endpoint} ({code}): the TSIG key is wrong, or not allowed for zone {zone}",
        $"check providers.rfc2136.tsig (name {settings.Tsig.Name}, algorithm {settings.Tsig.AlgorithmName}, secret) against the server's key, " +
        $"that {access}, that the server is a primary for {zone}, and that both clocks agree", cause);

    private static string ReturnCodeText(DnsMessageBase response) =>
        response.TSigOptions is { Error: not ReturnCode.NoError } tsig ? $"{response.ReturnCode}, TSIG {tsig.Error}" : response.ReturnCode.ToString();
}
