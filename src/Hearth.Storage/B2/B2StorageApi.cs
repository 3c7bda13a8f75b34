namespace Hearth.Storage.B2;

/// <summary>
/// The v3 <c>storageApi</c> of an authorisation: the URLs for API calls and downloads, and what the key may do
/// (its capabilities, and the one bucket and name prefix it is restricted to, if any).
/// </summary>
internal sealed record B2StorageApi(
    string ApiUrl,
    string DownloadUrl,
    string? S3ApiUrl,
    long RecommendedPartSize,
    long AbsoluteMinimumPartSize,
    string? BucketId,
    string? BucketName,
    List<string> Capabilities,
    string? NamePrefix);
