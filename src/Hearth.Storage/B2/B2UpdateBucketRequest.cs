using System.Text.Json;

namespace Hearth.Storage.B2;

/// <summary>The body of <c>b2_update_bucket</c>.</summary>
internal sealed record B2UpdateBucketRequest(
    string AccountId,
    string BucketId,
    string? BucketType,
    Dictionary<string, string>? BucketInfo,
    List<B2LifecycleRule>? LifecycleRules,
    JsonElement? CorsRules,
    bool? FileLockEnabled,
    JsonElement? DefaultRetention,
    JsonElement? DefaultServerSideEncryption,
    int? IfRevisionIs)
{
    public static B2UpdateBucketRequest For(string accountId, string bucketId, B2BucketChanges changes) => new(accountId, bucketId,
        changes.BucketType, changes.BucketInfo, changes.LifecycleRules, changes.CorsRules, changes.FileLockEnabled, changes.DefaultRetention,
        changes.DefaultServerSideEncryption, changes.IfRevisionIs);
}
