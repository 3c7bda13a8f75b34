using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hearth.Testing.B2;

public sealed partial class FakeB2
{
    private static readonly Regex BucketName = new("^[A-Za-z0-9-]{6,63}$", RegexOptions.CultureInvariant);

    private HttpResponseMessage CreateBucket(FakeB2Key key, JsonObject args)
    {
        Require(key, "writeBuckets");
        RequireAccount(key, args);
        if (key.BucketId is not null)
            throw new FakeB2Refusal(401, "unauthorized", $"Key {key.ApplicationKeyId} is restricted to a bucket and cannot create buckets");
        var name = Required(args, "bucketName");
        if (!BucketName.IsMatch(name) || name.StartsWith("b2-", StringComparison.OrdinalIgnoreCase))
            throw new FakeB2Refusal(400, "bad_json", $"Invalid bucketName: {name} (6 to 63 letters, digits and -, not starting with b2-)");
        var type = BucketType(Required(args, "bucketType"));
        var fileLock = args["fileLockEnabled"] is JsonValue l && l.TryGetValue<bool>(out var on) && on;
        if (fileLock)
            Require(key, "writeBucketRetentions");
        var encryption = args["defaultServerSideEncryption"] as JsonObject;
        if (encryption is not null)
            Require(key, "writeBucketEncryption");
        var lifecycle = LifecycleRules(args["lifecycleRules"]) ?? [];
        if (_buckets.Values.Any(b => b.BucketName == name))
            throw new FakeB2Refusal(400, "duplicate_bucket_name", $"Bucket name is already in use: {name}");
        if (_buckets.Values.Count(b => b.AccountId == key.AccountId) >= MaxBuckets)
            throw new FakeB2Refusal(400, "too_many_buckets", $"Account already has {MaxBuckets} buckets");
        var bucket = new FakeB2Bucket(key.AccountId, NewId(24), name, type, 1, (args["bucketInfo"] as JsonObject)?.DeepClone().AsObject() ?? [],
            lifecycle, (args["corsRules"] as JsonArray)?.DeepClone().AsArray() ?? [], fileLock, encryption?.DeepClone().AsObject());
        _buckets[bucket.BucketId] = bucket;
        return Json(bucket.ToJson());
    }

    /// <summary>Sorted by name; a key restricted to a bucket must name that bucket (by id or name).</summary>
    private HttpResponseMessage ListBuckets(FakeB2Key key, JsonObject args)
    {
        Require(key, "listBuckets");
        RequireAccount(key, args);
        var id = Text(args, "bucketId");
        var name = Text(args, "bucketName");
        if (key.BucketId is not null && id != key.BucketId && (name is null || name != _buckets.GetValueOrDefault(key.BucketId)?.BucketName))
            throw new FakeB2Refusal(401, "unauthorized", $"Key {key.ApplicationKeyId} is restricted to bucket {key.BucketId}; name it in the request");
        var types = (args["bucketTypes"] as JsonArray)?.Select(t => t?.GetValue<string>()).ToList();
        var buckets = _buckets.Values
            .Where(b => b.AccountId == key.AccountId && (id is null || b.BucketId == id) && (name is null || b.BucketName == name)
                && (types is null || types.Contains("all") || types.Contains(b.BucketType)))
            .OrderBy(b => b.BucketName, StringComparer.Ordinal);
        return Json(new JsonObject { ["buckets"] = new JsonArray([.. buckets.Select(b => (JsonNode)b.ToJson())]) });
    }

    /// <summary>Omitted fields stay, given lists replace; <c>ifRevisionIs</c> must match; file lock never goes back off.</summary>
    private HttpResponseMessage UpdateBucket(FakeB2Key key, JsonObject args)
    {
        Require(key, "writeBuckets");
        RequireAccount(key, args);
        var bucket = BucketFor(key, Text(args, "bucketId"));
        if (Number(args, "ifRevisionIs") is { } expected && expected != bucket.Revision)
            throw new FakeB2Refusal(409, "conflict", $"ifRevisionIs is {expected}, but the bucket is at revision {bucket.Revision}");
        var updated = bucket;
        if (Text(args, "bucketType") is { } type)
            updated = updated with { BucketType = BucketType(type) };
        if (args["bucketInfo"] is JsonObject info)
            updated = updated with { BucketInfo = info.DeepClone().AsObject() };
        if (LifecycleRules(args["lifecycleRules"]) is { } rules)
            updated = updated with { LifecycleRules = rules };
        if (args["corsRules"] is JsonArray cors)
            updated = updated with { CorsRules = cors.DeepClone().AsArray() };
        if (args["fileLockEnabled"] is JsonValue l && l.TryGetValue<bool>(out var fileLock))
        {
            if (!fileLock && bucket.FileLockEnabled)
                throw new FakeB2Refusal(400, "bad_request", "fileLockEnabled cannot be turned off once enabled");
            if (fileLock && !bucket.FileLockEnabled)
            {
                Require(key, "writeBucketRetentions");
                updated = updated with { FileLockEnabled = true };
            }
        }
        if (args["defaultServerSideEncryption"] is JsonObject encryption)
        {
            Require(key, "writeBucketEncryption");
            updated = updated with { DefaultServerSideEncryption = encryption.DeepClone().AsObject() };
        }
        if (args["defaultRetention"] is JsonObject retention)
        {
            Require(key, "writeBucketRetentions");
            if (!updated.FileLockEnabled)
                throw new FakeB2Refusal(400, "bad_request", "a default retention needs file lock enabled on the bucket");
            if (Text(retention, "mode") is { } mode && mode is not ("governance" or "compliance"))
                throw new FakeB2Refusal(400, "bad_request", $"Invalid retention mode: {mode}");
            updated = updated with { DefaultRetention = retention.DeepClone().AsObject() };
        }
        updated = updated with { Revision = bucket.Revision + 1 };
        _buckets[bucket.BucketId] = updated;
        return Json(updated.ToJson());
    }

    private HttpResponseMessage DeleteBucket(FakeB2Key key, JsonObject args)
    {
        Require(key, "deleteBuckets");
        RequireAccount(key, args);
        var bucket = BucketFor(key, Text(args, "bucketId"));
        if (_versions.Any(v => v.BucketId == bucket.BucketId))
            throw new FakeB2Refusal(400, "cannot_delete_non_empty_bucket", "Cannot delete non-empty bucket");
        _buckets.Remove(bucket.BucketId);
        return Json(bucket.ToJson());
    }

    private static string BucketType(string type) => type is "allPrivate" or "allPublic"
        ? type
        : throw new FakeB2Refusal(400, "bad_request", $"Invalid bucketType: {type} (allPrivate or allPublic)");

    /// <summary>At most 100 rules; days positive or null and not all null; no rule's prefix a prefix of another's.</summary>
    private static JsonArray? LifecycleRules(JsonNode? node)
    {
        if (node is null)
            return null;
        if (node is not JsonArray rules || rules.Any(r => r is not JsonObject))
            throw new FakeB2Refusal(400, "bad_json", "lifecycleRules must be an array of objects");
        if (rules.Count > 100)
            throw new FakeB2Refusal(400, "bad_request", "at most 100 lifecycle rules per bucket");
        string[] days = ["daysFromUploadingToHiding", "daysFromHidingToDeleting", "daysFromStartingToCancelingUnfinishedLargeFiles"];
        var prefixes = new List<string>();
        foreach (var rule in rules.Cast<JsonObject>())
        {
            var prefix = Text(rule, "fileNamePrefix") ?? throw new FakeB2Refusal(400, "bad_request", "a lifecycle rule needs fileNamePrefix");
            var values = days.Select(d => Number(rule, d)).ToList();
            if (values.Any(v => v is <= 0))
                throw new FakeB2Refusal(400, "bad_request", $"lifecycle rule for \"{prefix}\": days must be positive or null");
            if (values.All(v => v is null))
                throw new FakeB2Refusal(400, "bad_request", $"lifecycle rule for \"{prefix}\": at least one of the days must be set");
            if (prefixes.FirstOrDefault(p => p.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(p, StringComparison.Ordinal)) is { } other)
                throw new FakeB2Refusal(400, "bad_request", $"lifecycle rules for \"{other}\" and \"{prefix}\" overlap");
            prefixes.Add(prefix);
        }
        return rules.DeepClone().AsArray();
    }
}
