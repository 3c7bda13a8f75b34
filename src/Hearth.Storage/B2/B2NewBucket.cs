using System.Text.Json;

namespace Hearth.Storage.B2;

/// <summary>What <c>b2_create_bucket</c> makes; the client adds the account.</summary>
internal sealed record B2NewBucket(
    string BucketName,
    string BucketType,
    Dictionary<string, string>? BucketInfo = null,
    List<B2LifecycleRule>? LifecycleRules = null,
    JsonElement? CorsRules = null,
    bool? FileLockEnabled = null,
    JsonElement? DefaultServerSideEncryption = null);
