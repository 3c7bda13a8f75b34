namespace Hearth.Storage.B2;

/// <summary>
/// One bucket, by name, through one client: its id is looked up on first use (from the authorisation when the key
/// is restricted to this bucket, which costs no call; otherwise with <c>b2_list_buckets</c>) and kept. Two
/// concurrent first uses may both look it up; they find the same id.
/// </summary>
internal sealed class B2BucketReference(B2Client client, string bucketName)
{
    private string? _bucketId;

    public B2Client Client => client;

    public string BucketName => bucketName;

    /// <exception cref="B2ApiException">The bucket does not exist, or the key may not see it.</exception>
    public async Task<string> BucketIdAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _bucketId) is { } known)
            return known;
        var storage = (await client.AuthorizeAsync(cancellationToken)).Storage;
        var id = string.Equals(storage.BucketName, bucketName, StringComparison.Ordinal) && storage.BucketId is { } restricted
            ? restricted
            : (await client.ListBucketsAsync(bucketName, null, cancellationToken))
                .FirstOrDefault(b => string.Equals(b.BucketName, bucketName, StringComparison.Ordinal))?.BucketId
              ?? throw new B2ApiException("b2_list_buckets", 400, "bad_bucket_id", $"b2: there is no bucket {bucketName} in the account",
                  "create the bucket, or correct the bucket name");
        Volatile.Write(ref _bucketId, id);
        return id;
    }
}
