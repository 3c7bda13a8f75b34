using ARSoft.Tools.Net.Dns;
using ARSoft.Tools.Net.Dns.DynamicUpdate;
using Hearth.Core.Diagnostics;
using Hearth.Dns.Records;

namespace Hearth.Dns.Providers.Rfc2136;

internal sealed partial class Rfc2136Provider
{
    /// <summary>
    /// Asks the primary for the one record set: a TSIG-signed query over TCP, one round trip whatever the zone holds
    /// (a create that finds its name taken calls this, so a zone transfer here would cost one per existing record).
    /// </summary>
    /// <remarks>
    /// Only answer records of exactly that owner and type count: a query for A at a CNAME name answers with the CNAME
    /// chain, which is no A set. A name at or below a delegation gets a referral instead of an answer: the
    /// delegation's NS set is read from it, anything else there (glue) from the zone transfer. An answer is confirmed
    /// against the zone's own data before it is believed (see <see cref="HoldsAsync"/>): a wildcard answers for names
    /// the zone does not hold, and a server may answer from another zone it serves.
    /// </remarks>
    public async Task<DnsRecordSet?> FindAsync(DnsName zone, DnsRecordKey key, CancellationToken cancellationToken)
    {
        var response = await QueryAsync(zone, key, cancellationToken);
        var owner = WireRecords.NameOf(key.Name);
        var type = WireRecords.TypeOf(key.Type);
        bool IsOfSet(DnsRecordBase record) => record.RecordType == type && record.RecordClass == RecordClass.INet && record.Name.Equals(owner);
        if (response.ReturnCode == ReturnCode.NxDomain)
            return null;
        var answers = response.AnswerRecords.Where(IsOfSet).ToList();
        if (answers.Count == 0 && IsReferral(response, zone))
        {
            if (key.Type != DnsRecordType.NS)
                return (await ListAsync(zone, cancellationToken)).Find(key);
            answers = [.. response.AuthorityRecords.Where(IsOfSet)];
        }
        if (WireRecords.FromWire(zone, answers).Find(key) is not { } found)
            return null;
        return await HoldsAsync(zone, found, cancellationToken) ? found : (await ListAsync(zone, cancellationToken)).Find(key);
    }

    /// <summary>
    /// True when the zone itself holds exactly <paramref name="set"/>: an UPDATE of prerequisites alone, which changes
    /// nothing and which only the zone's own records can meet (RFC 2136 §3.2). Anything but a signed yes is a no, and
    /// the caller then reads the zone.
    /// </summary>
    private async Task<bool> HoldsAsync(DnsName zone, DnsRecordSet set, CancellationToken cancellationToken)
    {
        var check = new DnsUpdateMessage { ZoneName = WireRecords.NameOf(zone), TSigOptions = settings.Tsig.Sign() };
        foreach (var record in WireRecords.ToWire(set))
            check.Prequisites.Add(new RecordExistsValueDependantPrequisite(record));
        try
        {
            var response = await ExchangeAsync(check, cancellationToken);
            return response is { ReturnCode: ReturnCode.NoError, TSigOptions.ValidationResult: ReturnCode.NoError };
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
        {
            return false;
        }
    }

    /// <summary>A referral: not authoritative, no answer, the NS set of a delegation below the zone's apex.</summary>
    private static bool IsReferral(DnsMessage response, DnsName zone) =>
        !response.IsAuthoritiveAnswer && response.AnswerRecords.Count == 0 &&
        response.AuthorityRecords.Any(r => r.RecordType == RecordType.Ns && !r.Name.Equals(WireRecords.NameOf(zone)));

    /// <exception cref="ResourceException">No answer in time, the key refused, or any error other than NXDOMAIN.</exception>
    private async Task<DnsMessage> QueryAsync(DnsName zone, DnsRecordKey key, CancellationToken cancellationToken)
    {
        var what = $"the query for {key} in {zone}";
        var query = new DnsMessage { IsRecursionDesired = false, TSigOptions = settings.Tsig.Sign() };
        query.Questions.Add(new DnsQuestion(WireRecords.NameOf(key.Name), WireRecords.TypeOf(key.Type), RecordClass.INet));
        DnsMessage? response;
        try
        {
            using var client = await ClientAsync(cancellationToken);
            response = await client.SendMessageAsync(query, cancellationToken);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ResourceException($"{what}: no complete answer from {Endpoint} within {settings.Timeout.TotalSeconds:0.#} s ({e.Message})",
                $"check that the server runs and listens on TCP {Endpoint}, or raise providers.rfc2136.timeout", e);
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (response is null)
        {
            // ARSoft.Tools.Net reports a timeout, a refused connection and an unreadable answer alike, as no answer.
            throw new ResourceException($"{what}: no answer from {Endpoint} within {settings.Timeout.TotalSeconds:0.#} s",
                $"check that the server runs and listens on TCP {Endpoint}, or raise providers.rfc2136.timeout");
        }
        switch (response.ReturnCode)
        {
            case ReturnCode.NoError or ReturnCode.NxDomain:
                if (response.TSigOptions is not { ValidationResult: ReturnCode.NoError })
                    throw NotSigned(what);
                return response;
            case ReturnCode.NotAuthoritive or ReturnCode.Refused or ReturnCode.BadSig or ReturnCode.BadKey or ReturnCode.BadTime:
                throw Refused(what, ReturnCodeText(response), zone, "the zone allows queries with that key");
            default:
                throw new ResourceException($"{what} failed on {Endpoint}: {ReturnCodeText(response)}",
                    $"check that {Endpoint} is a primary for {zone}; the server's log gives the reason");
        }
    }
}
