using System.Text.Json;

namespace Hearth.Storage.B2;

/// <summary>The body of <c>b2_create_bucket</c>.</summary>
internal sealed record B2CreateBucketRequest(
    string AccountId,
    string BucketName,
    string BucketType,
    Dictionary<string, string>? BucketInfo,
    List<B2LifecycleRule>? LifecycleRules,
    JsonElement? CorsRules,
    bool? FileLockEnabled,
    JsonElement? DefaultServerSideEncryption)
{
    public static B2CreateBucketRequest For(string accountId, B2NewBucket bucket) => new(accountId, bucket.BucketName, bucket.BucketType,
        bucket.BucketInfo, bucket.LifecycleRules, bucket.CorsRules, bucket.FileLockEnabled, bucket.DefaultServerSideEncryption);
}
