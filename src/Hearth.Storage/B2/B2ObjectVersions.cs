using Hearth.Storage.Locking;

namespace Hearth.Storage.B2;

/// <summary>
/// The versions of one file name in a B2 bucket, for the versioned lock protocol. "Live" here means every
/// uploaded version that has not been deleted, whether hidden or not: in B2 an upload makes every older version
/// of the name hidden, and a hide marker (<c>b2_hide_file</c>, a lifecycle rule) hides them all, yet each is
/// still a contender's claim until that contender deletes it. Counting only the visible version would let a
/// second upload, or a stray hide, end a lock nobody released. Hide markers themselves carry nothing and are
/// not listed.
/// </summary>
internal sealed class B2ObjectVersions(B2BucketReference bucket, string fileName, int pageSize = B2ObjectVersions.DefaultPageSize) : IObjectVersions
{
    /// <summary>Versions per listing call: B2 bills a list call per 1,000 versions, so larger pages gain nothing.</summary>
    public const int DefaultPageSize = 1000;

    public string FileName => fileName;

    public async Task<string> PutAsync(byte[] content, CancellationToken cancellationToken)
    {
        var bucketId = await bucket.BucketIdAsync(cancellationToken);
        return (await bucket.Client.UploadFileAsync(bucketId, fileName, content, "application/octet-stream", cancellationToken)).FileId;
    }

    /// <summary>
    /// Uploads oldest first by B2's upload timestamp; versions with the same millisecond keep the order B2 lists
    /// them in, reversed (B2 lists newest first), so every client that lists the same versions orders them the same.
    /// </summary>
    public async Task<IReadOnlyList<ObjectVersion>> ListAsync(CancellationToken cancellationToken)
    {
        var bucketId = await bucket.BucketIdAsync(cancellationToken);
        var listed = await bucket.Client.ListVersionsOfAsync(bucketId, fileName, pageSize, cancellationToken);
        return [.. Enumerable.Reverse(listed)
            .Where(v => v.HasContent)
            .OrderBy(v => v.UploadTimestamp)
            .Select(v => new ObjectVersion(v.FileId, DateTimeOffset.FromUnixTimeMilliseconds(v.UploadTimestamp)))];
    }

    public Task<byte[]?> GetAsync(string versionId, CancellationToken cancellationToken) =>
        bucket.Client.DownloadFileByIdAsync(versionId, cancellationToken);

    public async Task DeleteAsync(string versionId, CancellationToken cancellationToken) =>
        await bucket.Client.DeleteFileVersionAsync(fileName, versionId, cancellationToken);
}
