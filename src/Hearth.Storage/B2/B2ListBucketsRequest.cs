namespace Hearth.Storage.B2;

/// <summary>The body of <c>b2_list_buckets</c>; the account is filled in by the client.</summary>
internal sealed record B2ListBucketsRequest(string AccountId, string? BucketId, string? BucketName, List<string>? BucketTypes);
