using System.Collections.Immutable;
using Hearth.Core.Addressing;
using Hearth.Core.Diagnostics;
using Hearth.Core.Resources;
using Hearth.Core.Values;
using Hearth.Storage.B2;

namespace Hearth.Storage.Resources;

/// <summary>
/// <c>b2_bucket</c>: a Backblaze B2 bucket with its type, info, lifecycle rules, default encryption and object lock.
/// Refresh lists the account's buckets once for every bucket of the lab; changes are made in place with
/// <c>b2_update_bucket</c> and <c>ifRevisionIs</c>, so a bucket changed since the plan is refused, not overwritten.
/// Object lock can be switched on (at creation or later, as B2 allows) but never off.
/// </summary>
public sealed class B2BucketResourceType(B2Accounts accounts) : ResourceType, IBatchedRead
{
    public override string Kind => "b2_bucket";

    public override string Description => "A Backblaze B2 bucket; made by the lab's storage.b2.buckets section.";

    public override ResourceSchema Schema { get; } = new(ImmutableArray.Create(
        new AttributeSchema("name", AttributeType.String, AttributeUse.Required, "The bucket's name (globally unique).", ForcesReplacement: true),
        new AttributeSchema("type", AttributeType.String, AttributeUse.Optional, "allPrivate or allPublic.", Default: Value.String("allPrivate")),
        new AttributeSchema("bucket_info", AttributeType.MapOf(AttributeType.String), AttributeUse.Optional, "B2 bucketInfo: free text by name.",
            Default: Value.Map([])),
        new AttributeSchema("lifecycle", AttributeType.ListOf(AttributeType.Any), AttributeUse.Optional,
            "Lifecycle rules: { prefix, days_from_hiding_to_deleting, days_from_uploading_to_hiding, days_from_starting_to_canceling_unfinished_large_files }.",
            Default: Value.List([])),
        new AttributeSchema("cors", AttributeType.ListOf(AttributeType.Any), AttributeUse.Optional,
            "CORS rules: { name, allowed_origins, allowed_operations, allowed_headers, expose_headers, max_age_seconds }, in order.", Default: Value.List([])),
        new AttributeSchema("encryption", AttributeType.String, AttributeUse.Optional, "Default server-side encryption: none or SSE-B2.",
            Default: Value.String(B2BucketAttributes.NoEncryption)),
        new AttributeSchema("object_lock", AttributeType.Bool, AttributeUse.Optional, "File lock (object lock) enabled; once on, it stays on.", Default: Value.False),
        new AttributeSchema("retention_mode", AttributeType.String, AttributeUse.Optional, "Default retention: governance or compliance (needs object_lock)."),
        new AttributeSchema("retention_days", AttributeType.Number, AttributeUse.Optional, "Default retention period in days (needs retention_mode)."),
        new AttributeSchema("id", AttributeType.String, AttributeUse.Computed, "The bucket's id."),
        new AttributeSchema("revision", AttributeType.Number, AttributeUse.Computed, "B2's revision of the bucket, checked by each update.")));

    public override IEnumerable<AttributeProblem> Validate(MapValue config)
    {
        if (config.GetString("name") is { } name && B2Names.BucketNameProblem(name) is { } problem)
            yield return new AttributeProblem("name", problem, "6 to 63 letters, digits and -, not starting with b2-");
        if (config.GetString("type") is { } type && type is not ("allPrivate" or "allPublic"))
            yield return new AttributeProblem("type", $"`{type}` is not a bucket type", "allPrivate or allPublic");
        if (config.GetString("encryption") is { } encryption && encryption is not (B2BucketAttributes.NoEncryption or B2BucketAttributes.SseB2))
            yield return new AttributeProblem("encryption", $"`{encryption}` is not a default encryption B2 offers", "none or SSE-B2");
        foreach (var rulesProblem in B2BucketAttributes.LifecycleProblems(config.Get("lifecycle")))
            yield return new AttributeProblem("lifecycle", rulesProblem, "each rule needs a prefix and positive days; no rule's prefix may start another's");
        foreach (var corsProblem in B2CorsRules.Problems(config.Get("cors")))
            yield return new AttributeProblem("cors", corsProblem, null);
        if (config.GetString("retention_mode") is { } mode)
        {
            if (mode is not ("governance" or "compliance"))
                yield return new AttributeProblem("retention_mode", $"`{mode}` is not a retention mode", "governance or compliance");
            if (!config.GetBool("object_lock", false))
                yield return new AttributeProblem("retention_mode", "a default retention needs object lock on the bucket", "set object_lock");
            if (config.GetNumber("retention_days") is not ({ } days and >= 1 and <= B2BucketAttributes.MaxRetentionDays))
                yield return new AttributeProblem("retention_days", $"a retention period is 1 to {B2BucketAttributes.MaxRetentionDays} days", null);
        }
    }

    public override MapValue Plan(PlanRequest request)
    {
        var planned = base.Plan(request with { Config = B2BucketAttributes.Normalise(request.Config) });
        if (request.Prior is not { } prior || prior.GetString("name") != request.Config.GetString("name"))
            return planned;
        planned = planned.With("id", prior.Get("id") ?? Value.Unknown);
        // Each update raises B2's revision: only B2's answer tells the new one.
        return planned == prior ? planned : planned.With("revision", Value.Unknown);
    }

    public BatchKey BatchKeyOf(ReadRequest request) => B2Accounts.AccountKey(request);

    public async Task<IReadOnlyDictionary<ResourceAddress, MapValue?>> ReadBatchAsync(BatchKey key, IReadOnlyList<ReadRequest> requests, CancellationToken cancellationToken)
    {
        var buckets = await accounts.For(requests[0]).ListBucketsAsync(null, null, cancellationToken);
        return requests.ToDictionary(r => r.Address, r => buckets.Find(b => b.BucketName == r.Prior.GetString("name")) is { } bucket
            ? B2BucketAttributes.Of(bucket)
            : null);
    }

    public override async Task<MapValue?> ReadAsync(ReadRequest request, CancellationToken cancellationToken) =>
        (await ReadBatchAsync(BatchKeyOf(request), [request], cancellationToken))[request.Address];

    public override async Task<MapValue> CreateAsync(CreateRequest request, CancellationToken cancellationToken)
    {
        var config = B2BucketAttributes.Normalise(request.Config);
        var client = accounts.For(request);
        var bucket = await client.CreateBucketAsync(new B2NewBucket(config.GetString("name")!, config.GetString("type")!,
            new Dictionary<string, string>(config.GetStringMap("bucket_info"), StringComparer.Ordinal), B2BucketAttributes.Rules(config),
            B2CorsRules.Json(config.Get("cors")), config.GetBool("object_lock", false) ? true : null, B2BucketAttributes.Encryption(config)), cancellationToken);
        if (B2BucketAttributes.Retention(config) is { } retention)
            bucket = await client.UpdateBucketAsync(bucket.BucketId, new B2BucketChanges(DefaultRetention: retention, IfRevisionIs: bucket.Revision), cancellationToken);
        return B2BucketAttributes.Of(bucket);
    }

    public override async Task<MapValue> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken)
    {
        var config = B2BucketAttributes.Normalise(request.Config);
        var prior = request.Prior;
        if (prior.GetBool("object_lock", false) && !config.GetBool("object_lock", false))
            throw new ResourceException($"{request.Address}: object lock is on for bucket {prior.GetString("name")}, and B2 never turns it off",
                "set object_lock back on in the lab (replacing the bucket would delete its files)");
        var changes = new B2BucketChanges(
            BucketType: config.GetString("type"),
            BucketInfo: new Dictionary<string, string>(config.GetStringMap("bucket_info"), StringComparer.Ordinal),
            LifecycleRules: B2BucketAttributes.Rules(config),
            CorsRules: B2CorsRules.Json(config.Get("cors")),
            FileLockEnabled: config.GetBool("object_lock", false) && !prior.GetBool("object_lock", false) ? true : null,
            DefaultRetention: SameRetention(config, prior) ? null : B2BucketAttributes.Retention(config) ?? B2BucketAttributes.NoRetention,
            DefaultServerSideEncryption: config.GetString("encryption") == prior.GetString("encryption")
                ? null
                : B2BucketAttributes.Encryption(config) ?? B2BucketAttributes.NoEncryptionJson,
            IfRevisionIs: (int?)prior.GetNumber("revision"));
        try
        {
            return B2BucketAttributes.Of(await accounts.For(request).UpdateBucketAsync(prior.GetString("id")!, changes, cancellationToken));
        }
        catch (B2ApiException e) when (e.Code == B2ApiException.Conflict)
        {
            throw new ResourceException($"{request.Address}: bucket {prior.GetString("name")} changed in B2 since it was read (revision {prior.GetNumber("revision")})",
                "run plan again to see the bucket as it is now, then apply", e);
        }
    }

    public override async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken)
    {
        if (request.Prior.GetString("id") is not { Length: > 0 } id)
            return;
        try
        {
            await accounts.For(request).DeleteBucketAsync(id, cancellationToken);
        }
        catch (B2ApiException e) when (e.Code is "bad_bucket_id" or "invalid_bucket_id")
        {
            // Already gone.
        }
        catch (B2ApiException e) when (e.Code == "cannot_delete_non_empty_bucket")
        {
            throw new ResourceException($"{request.Address}: bucket {request.Prior.GetString("name")} still holds files, and B2 deletes only empty buckets",
                "empty it first (every version and hide marker), or keep it in the lab", e);
        }
    }

    private static bool SameRetention(MapValue config, MapValue prior) =>
        config.GetString("retention_mode") == prior.GetString("retention_mode") && config.GetNumber("retention_days") == prior.GetNumber("retention_days");

    /// <summary><c>hearth import b2_bucket.NAME BUCKET_NAME</c>: adopts an existing bucket of the account by its name.</summary>
    public override async Task<MapValue?> ImportAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var buckets = await accounts.For(request).ListBucketsAsync(request.Id, null, cancellationToken);
        return buckets.Find(b => b.BucketName == request.Id) is { } bucket ? B2BucketAttributes.Of(bucket) : null;
    }
}
