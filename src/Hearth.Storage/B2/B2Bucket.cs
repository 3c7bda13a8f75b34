using System.Text.Json;

namespace Hearth.Storage.B2;

/// <summary>
/// A bucket as create, update, delete and list return it. CORS rules, encryption, file lock and replication are
/// kept as the JSON the API sent, so an update can hand them back unchanged.
/// </summary>
internal sealed record B2Bucket(
    string AccountId,
    string BucketId,
    string BucketName,
    string BucketType,
    int Revision,
    Dictionary<string, string>? BucketInfo = null,
    List<B2LifecycleRule>? LifecycleRules = null,
    JsonElement? CorsRules = null,
    List<string>? Options = null,
    JsonElement? DefaultServerSideEncryption = null,
    JsonElement? FileLockConfiguration = null,
    JsonElement? ReplicationConfiguration = null);
