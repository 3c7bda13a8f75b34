using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;
using Hearth.Core.Values;
using Hearth.Dns.Ownership;
using Hearth.Dns.Providers;
using Hearth.Dns.Providers.Cloudflare;
using Hearth.Dns.Records;

namespace Hearth.Dns.Resources;

/// <summary>
/// <c>dns_record</c>: one record set (a name and a type) in a zone, kept by the zone's provider. Values are
/// normalised at plan time, so a no-change plan is truly empty; refresh reads each zone once, however many
/// records it holds.
/// </summary>
public sealed partial class DnsRecordResourceType : ResourceType, IBatchedRead, IBatchedWrite, IDisposable
{
    public const int DefaultTtl = 300;

    private readonly DnsProviders _providers;

    /// <summary>Record sets already read from a set of arguments (see <see cref="Normalise"/>).</summary>
    private readonly ConditionalWeakTable<MapValue, NormalisedSet> _normalised = [];

    /// <summary>The providers this kind talks through, shared with <see cref="DnsZoneResourceType"/>.</summary>
    internal DnsProviders Providers => _providers;

    public DnsRecordResourceType()
        : this(TimeProvider.System)
    {
    }

    /// <param name="httpHandler">Sends API providers' requests; tests pass an in-process fake of the API.</param>
    internal DnsRecordResourceType(TimeProvider clock, HttpMessageHandler? httpHandler = null) => _providers = new DnsProviders(clock, httpHandler);

    public override string Kind => "dns_record";

    public override string Description => "One DNS record set (name and type) in a zone; made by the lab's dns: section.";

    public override ResourceSchema Schema { get; } = new(ImmutableArray.Create(
        new AttributeSchema("zone", AttributeType.String, AttributeUse.Required, "The zone, e.g. qt.rs.", ForcesReplacement: true),
        new AttributeSchema("provider", AttributeType.String, AttributeUse.Required, "The zone's provider.", ForcesReplacement: true),
        new AttributeSchema("name", AttributeType.String, AttributeUse.Required, "The record's full name.", ForcesReplacement: true),
        new AttributeSchema("type", AttributeType.String, AttributeUse.Required, "A, AAAA, CNAME, MX, TXT, SRV, CAA, NS or PTR.", ForcesReplacement: true),
        new AttributeSchema("ttl", AttributeType.Number, AttributeUse.Optional, "Seconds.", Default: Value.Number(DefaultTtl)),
        new AttributeSchema("values", AttributeType.ListOf(AttributeType.String), AttributeUse.Required, "The record set's values."),
        new AttributeSchema("proxied", AttributeType.Bool, AttributeUse.Optional, "Cloudflare: answer through Cloudflare's proxy (A, AAAA, CNAME); the TTL is then automatic.", Default: Value.False),
        new AttributeSchema("comment", AttributeType.String, AttributeUse.Optional, "Cloudflare: a note kept beside each record."),
        new AttributeSchema(ExternalDnsLayout.PrefixAttribute, AttributeType.String, AttributeUse.Optional, "ExternalDNS's --txt-prefix in this zone (from the zone's external_dns:)."),
        new AttributeSchema(ExternalDnsLayout.SuffixAttribute, AttributeType.String, AttributeUse.Optional, "ExternalDNS's --txt-suffix in this zone (from the zone's external_dns:)."),
        new AttributeSchema("adopt", AttributeType.Bool, AttributeUse.Optional, "Take over a record set that already exists.", Default: Value.False),
        new AttributeSchema("id", AttributeType.String, AttributeUse.Computed, "NAME TYPE.")));

    public override IEnumerable<AttributeProblem> Validate(MapValue config)
    {
        var (set, problems) = Normalise(config);
        foreach (var problem in problems)
            yield return new AttributeProblem("values", problem.Message, problem.Hint);
        if (set is null)
            yield break;
        foreach (var (setting, problem) in ProviderRules.Check(config.GetString("provider")!, set))
            yield return new AttributeProblem(setting, problem.Message, problem.Hint);
    }

    public override MapValue Plan(PlanRequest request)
    {
        var config = request.Config;
        if (Normalise(config) is { Set: { } set })
            config = WithSet(config, set);
        return base.Plan(request with { Config = config }).With("id", Value.String($"{config.GetString("name")} {config.GetString("type")}"));
    }

    /// <summary>Record sets changed at about the same time share one request where the provider allows it.</summary>
    public int MaxBatchSize => 1_000;

    public BatchKey? WriteBatchKeyOf(ResourceAddress address, MapValue attributes) =>
        attributes.GetString("provider") is { } provider && DnsProviders.Batches(provider) && attributes.GetString("zone") is { } zone
            ? new BatchKey($"{provider}|{zone}")
            : null;

    public BatchKey BatchKeyOf(ReadRequest request) => new($"{request.Prior.GetString("provider")}|{request.Prior.GetString("zone")}");

    public async Task<IReadOnlyDictionary<ResourceAddress, MapValue?>> ReadBatchAsync(BatchKey key, IReadOnlyList<ReadRequest> requests, CancellationToken cancellationToken)
    {
        var first = requests[0];
        var zone = DnsName.Parse(first.Prior.GetString("zone")!);
        var sets = await _providers.Create(first.Prior.GetString("provider")!, first).ListAsync(zone, cancellationToken);
        return requests.ToDictionary(r => r.Address, r => sets.Find(KeyOf(r.Prior)) is { } set ? WithSet(r.Prior, set) : null);
    }

    public override async Task<MapValue?> ReadAsync(ReadRequest request, CancellationToken cancellationToken) =>
        (await ReadBatchAsync(BatchKeyOf(request), [request], cancellationToken))[request.Address];

    public override async Task<MapValue> CreateAsync(CreateRequest request, CancellationToken cancellationToken)
    {
        var (provider, zone, set) = Target(request, request.Config);
        try
        {
            // One round trip when the name is free, as it usually is; the provider refuses if the set exists.
            await provider.PutAsync(zone, set, null, cancellationToken);
        }
        catch (DnsRecordChangedException)
        {
            var existing = await provider.FindAsync(zone, set.Key, cancellationToken);
            if (existing is null)
                throw;
            if (!request.Config.GetBool("adopt", false))
                throw new ResourceException($"{set.Name} {set.Type} already exists in {zone} (made by hand, or by another tool)",
                    "set `adopt: true` on the record to take it over, or remove it from the zone first");
            await RefuseExternalDnsAsync(provider, zone, set.Key, ExternalDnsLayout.From(request.Config), cancellationToken);
            if (existing != set)
                await provider.PutAsync(zone, set, existing, cancellationToken); // An adopted record that already matches is left as it is.
        }
        return WithSet(request.Config, set);
    }

    public override async Task<MapValue> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken)
    {
        var (provider, zone, set) = Target(request, request.Config);
        // The prior attributes are what the refresh read (or what the last apply wrote): the provider refuses the
        // change if the zone no longer holds exactly that.
        await provider.PutAsync(zone, set, Normalise(request.Prior).Set, cancellationToken);
        return WithSet(request.Config, set);
    }

    public override async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken)
    {
        var zone = DnsName.Parse(request.Prior.GetString("zone")!);
        await _providers.Create(request.Prior.GetString("provider")!, request).DeleteAsync(zone, KeyOf(request.Prior), cancellationToken);
    }

    /// <summary>Closes the HTTP providers' connections; the kind cannot be used afterwards.</summary>
    public void Dispose() => _providers.Dispose();

    private (IDnsZoneProvider Provider, DnsName Zone, DnsRecordSet Set) Target(ResourceRequest request, MapValue config)
    {
        var (set, problems) = Normalise(config);
        if (set is null)
            throw new DnsRecordException(problems);
        return (_providers.Create(config.GetString("provider")!, request), DnsName.Parse(config.GetString("zone")!), set);
    }

    /// <summary>The record set the arguments describe, or the problems with them; null set and no problems while values are unknown.</summary>
    /// <remarks>
    /// The engine hands the same (immutable) arguments to Validate and Plan, and to Plan and Create: each is read once.
    /// </remarks>
    private (DnsRecordSet? Set, IReadOnlyList<DnsRecordProblem> Problems) Normalise(MapValue config) =>
        _normalised.GetValue(config, static c => new NormalisedSet(NormaliseUncached(c))).Result;

    private static (DnsRecordSet? Set, IReadOnlyList<DnsRecordProblem> Problems) NormaliseUncached(MapValue config)
    {
        if (config.ContainsUnknown || config.GetString("zone") is not { } zone || config.GetString("name") is not { } name ||
            config.GetString("type") is not { } type || config.Get("values") is not ListValue values)
            return (null, []);
        try
        {
            var zoneName = DnsName.Parse(zone);
            var recordType = DnsRecordTypes.Parse(type, name);
            var proxied = config.GetBool("proxied", false);
            // Cloudflare answers proxied records itself and reports their TTL as 1 (automatic) whatever was sent.
            var ttl = proxied ? CloudflareRules.AutomaticTtl : (long)(config.GetNumber("ttl") ?? DefaultTtl);
            var set = DnsRecordSet.Create(DnsName.Parse(name), recordType, ttl, values.Items.Select(v => v.ToText()), DnsNameContext.Lab(zoneName));
            return (set with { Proxied = proxied, Comment = config.GetString("comment") is { Length: > 0 } comment ? comment : null }, []);
        }
        catch (DnsRecordException e)
        {
            return (null, e.Problems);
        }
    }

    private static DnsRecordKey KeyOf(MapValue attributes) =>
        new(DnsName.Parse(attributes.GetString("name")!), DnsRecordTypes.Parse(attributes.GetString("type")!, attributes.GetString("name")!));

    /// <summary>The attributes a <c>dns_record</c> holds for <paramref name="set"/> as found in the zone.</summary>
    internal static MapValue AttributesOf(DnsName zone, string provider, DnsRecordSet set) => WithSet(new MapValue(ValueMap.Empty)
        .With("zone", Value.String(zone.Value))
        .With("provider", Value.String(provider))
        .With("name", Value.String(set.Name.Value))
        .With("type", Value.String(set.Type.ToString()))
        .With("adopt", Value.False), set);

    private static MapValue WithSet(MapValue attributes, DnsRecordSet set) => attributes.With(
        KeyValuePair.Create("ttl", Value.Number(set.Ttl)),
        KeyValuePair.Create("values", Value.List(set.Values.Select(Value.String))),
        KeyValuePair.Create("proxied", Value.Bool(set.Proxied)),
        KeyValuePair.Create("comment", set.Comment is null ? Value.Null : Value.String(set.Comment)),
        KeyValuePair.Create("id", Value.String($"{set.Name} {set.Type}")));

    private sealed record NormalisedSet((DnsRecordSet? Set, IReadOnlyList<DnsRecordProblem> Problems) Result);
}
