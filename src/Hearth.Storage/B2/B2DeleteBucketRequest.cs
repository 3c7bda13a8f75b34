namespace Hearth.Storage.B2;

/// <summary>The body of <c>b2_delete_bucket</c>.</summary>
internal sealed record B2DeleteBucketRequest(string AccountId, string BucketId);
