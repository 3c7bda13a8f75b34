using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;
using Hearth.Core.Values;
using Hearth.Storage.B2;

namespace Hearth.Storage.Resources;

/// <summary>
/// <c>b2_key</c>: a B2 application key. Keys are immutable, so every setting forces replacement. The secret exists
/// only in the create answer: it is written at once into the <c>write_to</c> SOPS file (<c>key_id</c>, <c>key</c>),
/// and the state keeps only the key's id and a fingerprint (SHA-256 of the secret, 16 hex digits). A key whose
/// secret could not be written is useless: the next create finds it by its name and deletes it first.
/// </summary>
public sealed class B2KeyResourceType(B2Accounts accounts, IReadOnlyDictionary<string, string> environment) : ResourceType, IBatchedRead
{
    public override string Kind => "b2_key";

    public override string Description => "A Backblaze B2 application key written into a SOPS file; made by the lab's storage.b2.keys section.";

    public override ResourceSchema Schema { get; } = new(ImmutableArray.Create(
        new AttributeSchema("key_name", AttributeType.String, AttributeUse.Required, "B2's keyName (letters, digits, -).", ForcesReplacement: true),
        new AttributeSchema("capabilities", AttributeType.ListOf(AttributeType.String), AttributeUse.Required, "B2 capabilities, exactly as B2 spells them.",
            ForcesReplacement: true),
        new AttributeSchema("bucket", AttributeType.String, AttributeUse.Optional, "The bucket the key is restricted to.", ForcesReplacement: true),
        new AttributeSchema("name_prefix", AttributeType.String, AttributeUse.Optional, "File-name prefix the key is restricted to.", ForcesReplacement: true),
        new AttributeSchema("valid_duration", AttributeType.Number, AttributeUse.Optional, "Seconds the key stays valid (1 to 86,400,000).",
            ForcesReplacement: true),
        new AttributeSchema("write_to", AttributeType.String, AttributeUse.Required, "The SOPS file the key id and secret are written into.",
            ForcesReplacement: true),
        new AttributeSchema("id", AttributeType.String, AttributeUse.Computed, "The applicationKeyId."),
        new AttributeSchema("bucket_id", AttributeType.String, AttributeUse.Computed, "The id of the bucket the key is restricted to."),
        new AttributeSchema("fingerprint", AttributeType.String, AttributeUse.Computed, "SHA-256 of the secret, first 16 hex digits; never the secret.")));

    private readonly B2KeySecretFile _secrets = new(environment);

    public override IEnumerable<AttributeProblem> Validate(MapValue config)
    {
        if (config.GetString("key_name") is { } name && B2Names.KeyNameProblem(name) is { } problem)
            yield return new AttributeProblem("key_name", problem, null);
        foreach (var capability in config.GetStrings("capabilities").Where(c => !B2Names.Capabilities.Contains(c, StringComparer.Ordinal)))
            yield return new AttributeProblem("capabilities", $"`{capability}` is not a B2 capability", NameSuggester.Hint(capability, B2Names.Capabilities, "capability"));
        if (config.GetNumber("valid_duration") is { } seconds && (seconds < 1 || seconds > B2Names.MaxValidDurationSeconds))
            yield return new AttributeProblem("valid_duration", $"a key is valid 1 to {B2Names.MaxValidDurationSeconds} seconds (1000 days), not {seconds}", null);
        if (config.GetString("name_prefix") is { Length: > 0 } && config.GetString("bucket") is null)
            yield return new AttributeProblem("name_prefix", "a name prefix needs a bucket restriction", "add bucket:");
    }

    public BatchKey BatchKeyOf(ReadRequest request) => B2Accounts.AccountKey(request);

    public async Task<IReadOnlyDictionary<ResourceAddress, MapValue?>> ReadBatchAsync(BatchKey key, IReadOnlyList<ReadRequest> requests, CancellationToken cancellationToken)
    {
        var keys = await accounts.For(requests[0]).ListKeysAsync(cancellationToken);
        return requests.ToDictionary(r => r.Address, r => Find(keys, r.Prior) is { } found ? Observed(r.Prior.With("id", Value.String(found.ApplicationKeyId)), found) : null);
    }

    /// <summary>
    /// The key behind a state entry: by its id, or, for an entry a stopped run left as being created (a name, no id),
    /// by its name, so the plan shows the lost key as tainted and replaces it.
    /// </summary>
    private static B2Key? Find(List<B2Key> keys, MapValue prior) => prior.GetString("id") is { Length: > 0 } id
        ? keys.Find(k => k.ApplicationKeyId == id)
        : keys.Find(k => k.KeyName == prior.GetString("key_name"));

    public override async Task<MapValue?> ReadAsync(ReadRequest request, CancellationToken cancellationToken) =>
        (await ReadBatchAsync(BatchKeyOf(request), [request], cancellationToken))[request.Address];

    public override async Task<MapValue> CreateAsync(CreateRequest request, CancellationToken cancellationToken)
    {
        var config = request.Config;
        var client = accounts.For(request);
        var name = config.GetString("key_name")!;
        await DeleteOrphansAsync(client, name, request.Note, cancellationToken);
        string? bucketId = null;
        if (config.GetString("bucket") is { } bucket)
        {
            bucketId = (await client.ListBucketsAsync(bucket, null, cancellationToken)).Find(b => b.BucketName == bucket)?.BucketId
                ?? throw new ResourceException($"{request.Address}: bucket {bucket} does not exist in the B2 account", "declare it under storage.b2.buckets, or fix the name");
        }
        var created = await client.CreateKeyAsync(new B2NewKey(name, config.GetStrings("capabilities"), (long?)config.GetNumber("valid_duration"), bucketId,
            config.GetString("name_prefix") is { Length: > 0 } prefix ? prefix : null), cancellationToken);
        var secret = created.ApplicationKey ?? throw new ResourceException($"{request.Address}: B2 created key {created.ApplicationKeyId} but sent no secret", null);
        var file = config.GetString("write_to")!;
        try
        {
            await _secrets.WriteAsync(request.LabDirectory, file, created.ApplicationKeyId, secret, cancellationToken);
        }
        catch (ResourceException e)
        {
            throw new ResourceException($"{request.Address}: key {created.ApplicationKeyId} was created, but {e.Message}",
                $"its secret is lost with this run; fix the cause and apply again: the next apply deletes key {name} and creates a new one", e);
        }
        return config
            .With("id", Value.String(created.ApplicationKeyId))
            .With("bucket_id", bucketId is null ? Value.Null : Value.String(bucketId))
            .With("fingerprint", Value.String(Fingerprint(secret)));
    }

    public override Task<MapValue> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken) =>
        throw new ResourceException($"{request.Address}: B2 keys cannot change", "every setting of a key forces a new key; plan again");

    public override async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken)
    {
        var client = accounts.For(request);
        if (request.Prior.GetString("id") is { Length: > 0 } id)
        {
            await DeleteKeyAsync(client, id, cancellationToken);
            return;
        }
        // Recorded as being created when a run stopped: the id never reached the state, the name finds the key.
        if (request.Prior.GetString("key_name") is { } name)
            await DeleteOrphansAsync(client, name, request.Note, cancellationToken);
    }

    /// <summary>
    /// <c>hearth import b2_key.NAME KEY_ID</c>: adopts an existing key by its applicationKeyId. Its secret cannot be read
    /// back, so the key's <c>write_to</c> file must already hold it; the fingerprint is then left empty.
    /// </summary>
    public override async Task<MapValue?> ImportAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var keys = await accounts.For(request).ListKeysAsync(cancellationToken);
        if (keys.Find(k => k.ApplicationKeyId == request.Id) is not { } key)
            return null;
        // The lab's arguments where they evaluate (a bucket named through a reference once that bucket is in the state).
        var config = (request.Config ?? new MapValue(ValueMap.Empty))
            .With("id", Value.String(key.ApplicationKeyId))
            .With("bucket_id", key.BucketId is null ? Value.Null : Value.String(key.BucketId))
            .With("fingerprint", Value.String(""));
        var attributes = Observed(config, key);
        return attributes.Get("write_to") is null ? attributes.With("write_to", Value.Null) : attributes;
    }

    /// <summary>SHA-256 of the secret, first 16 hex digits: enough to tell two keys apart, useless to an attacker.</summary>
    internal static string Fingerprint(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..16];

    /// <summary>What B2 says of the key, over what the state remembers of the lab's settings (B2 keeps no file or bucket name).</summary>
    private static MapValue Observed(MapValue prior, B2Key key) => prior
        .With("key_name", Value.String(key.KeyName))
        .With("capabilities", SameSet(prior.GetStrings("capabilities"), key.Capabilities) ? prior.Get("capabilities")! : Value.List(key.Capabilities.Select(Value.String)))
        .With("name_prefix", Prefix(prior, key.NamePrefix))
        .With("bucket", key.BucketId == prior.GetString("bucket_id") ? prior.Get("bucket") ?? Value.Null : OtherBucket(key.BucketId))
        .With("bucket_id", key.BucketId is null ? Value.Null : Value.String(key.BucketId));

    /// <summary>B2 reports no prefix as null; the lab may have written it <c>""</c> or left it out, which is the same key.</summary>
    private static Value Prefix(MapValue prior, string? observed) =>
        observed is { Length: > 0 } ? Value.String(observed)
        : prior.GetString("name_prefix") is { Length: > 0 } ? Value.Null
        : prior.Get("name_prefix") ?? Value.Null;

    /// <summary>The key is restricted to another bucket than the one the state recorded (or to none): shown as such, it forces a new key.</summary>
    private static Value OtherBucket(string? bucketId) => Value.String(bucketId is null ? "(no bucket)" : $"(bucket id {bucketId})");

    private static bool SameSet(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Keys named <paramref name="name"/> that the state does not hold: made by a run that could not keep their secret.</summary>
    private static async Task DeleteOrphansAsync(B2Client client, string name, Action<string> note, CancellationToken cancellationToken)
    {
        foreach (var orphan in (await client.ListKeysAsync(cancellationToken)).Where(k => k.KeyName == name))
        {
            await DeleteKeyAsync(client, orphan.ApplicationKeyId, cancellationToken);
            note($"deleted key {orphan.ApplicationKeyId} ({name}), made by an earlier run that could not write its secret; a new key replaces it");
        }
    }

    private static async Task DeleteKeyAsync(B2Client client, string id, CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteKeyAsync(id, cancellationToken);
        }
        catch (B2ApiException e) when (e.Status == 400 && e.Code == "bad_request")
        {
            // Already gone.
        }
    }
}
