using System.Text.Json.Nodes;

namespace Hearth.Testing.B2;

/// <summary>A bucket as <see cref="FakeB2"/> keeps it; lifecycle and CORS rules as the JSON the client sent.</summary>
public sealed record FakeB2Bucket(
    string AccountId,
    string BucketId,
    string BucketName,
    string BucketType,
    int Revision,
    JsonObject BucketInfo,
    JsonArray LifecycleRules,
    JsonArray CorsRules,
    bool FileLockEnabled = false,
    JsonObject? DefaultServerSideEncryption = null,
    JsonObject? DefaultRetention = null)
{
    public JsonObject ToJson() => new()
    {
        ["accountId"] = AccountId,
        ["bucketId"] = BucketId,
        ["bucketName"] = BucketName,
        ["bucketType"] = BucketType,
        ["bucketInfo"] = BucketInfo.DeepClone(),
        ["corsRules"] = CorsRules.DeepClone(),
        ["lifecycleRules"] = LifecycleRules.DeepClone(),
        ["options"] = new JsonArray("s3"),
        ["revision"] = Revision,
        ["defaultServerSideEncryption"] = new JsonObject
        {
            ["isClientAuthorizedToRead"] = true,
            ["value"] = DefaultServerSideEncryption?.DeepClone() ?? new JsonObject { ["algorithm"] = null, ["mode"] = null },
        },
        ["fileLockConfiguration"] = new JsonObject
        {
            ["isClientAuthorizedToRead"] = true,
            ["value"] = new JsonObject
            {
                ["defaultRetention"] = DefaultRetention?.DeepClone() ?? new JsonObject { ["mode"] = null, ["period"] = null },
                ["isFileLockEnabled"] = FileLockEnabled,
            },
        },
        ["replicationConfiguration"] = null,
    };
}
