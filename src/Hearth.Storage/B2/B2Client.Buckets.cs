namespace Hearth.Storage.B2;

internal sealed partial class B2Client
{
    /// <summary>
    /// Buckets of the account (capability <c>listBuckets</c>), filtered exactly by name or id when given. A key
    /// restricted to one bucket must name it.
    /// </summary>
    public async Task<List<B2Bucket>> ListBucketsAsync(string? bucketName, string? bucketId, CancellationToken cancellationToken) =>
        (await CallAsync("b2_list_buckets", (authorization, token) => PostOnceAsync(authorization, "b2_list_buckets",
            new B2ListBucketsRequest(authorization.AccountId, bucketId, bucketName, ["all"]),
            B2Json.Default.B2ListBucketsRequest, B2Json.Default.B2BucketList, token), cancellationToken)).Buckets;

    /// <summary>Creates a bucket (capability <c>writeBuckets</c>; file lock and encryption need their own).</summary>
    public Task<B2Bucket> CreateBucketAsync(B2NewBucket bucket, CancellationToken cancellationToken) =>
        CallAsync("b2_create_bucket", (authorization, token) => PostOnceAsync(authorization, "b2_create_bucket",
            B2CreateBucketRequest.For(authorization.AccountId, bucket), B2Json.Default.B2CreateBucketRequest, B2Json.Default.B2Bucket, token),
            cancellationToken);

    /// <summary>Changes a bucket (capability <c>writeBuckets</c>); with <see cref="B2BucketChanges.IfRevisionIs"/> a bucket changed meanwhile is 409 <c>conflict</c>.</summary>
    public Task<B2Bucket> UpdateBucketAsync(string bucketId, B2BucketChanges changes, CancellationToken cancellationToken) =>
        CallAsync("b2_update_bucket", (authorization, token) => PostOnceAsync(authorization, "b2_update_bucket",
            B2UpdateBucketRequest.For(authorization.AccountId, bucketId, changes), B2Json.Default.B2UpdateBucketRequest, B2Json.Default.B2Bucket, token),
            cancellationToken);

    /// <summary>Deletes an empty bucket (capability <c>deleteBuckets</c>); 400 <c>cannot_delete_non_empty_bucket</c> while any version is left.</summary>
    public Task<B2Bucket> DeleteBucketAsync(string bucketId, CancellationToken cancellationToken) =>
        CallAsync("b2_delete_bucket", (authorization, token) => PostOnceAsync(authorization, "b2_delete_bucket",
            new B2DeleteBucketRequest(authorization.AccountId, bucketId), B2Json.Default.B2DeleteBucketRequest, B2Json.Default.B2Bucket, token),
            cancellationToken);
}
