using System.Text.Json;

namespace Hearth.Storage.B2;

/// <summary>
/// What <c>b2_update_bucket</c> changes: null fields stay as they are, a given list replaces the whole list.
/// <see cref="IfRevisionIs"/> makes the update refuse (409 <c>conflict</c>) when the bucket changed since it was read.
/// </summary>
internal sealed record B2BucketChanges(
    string? BucketType = null,
    Dictionary<string, string>? BucketInfo = null,
    List<B2LifecycleRule>? LifecycleRules = null,
    JsonElement? CorsRules = null,
    bool? FileLockEnabled = null,
    JsonElement? DefaultRetention = null,
    JsonElement? DefaultServerSideEncryption = null,
    int? IfRevisionIs = null);
