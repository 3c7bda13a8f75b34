using Hearth.Core.Diagnostics;
using Hearth.Core.State.Remote;
using Hearth.Storage.Locking;

namespace Hearth.Storage.B2;

/// <summary>
/// The state as one file name in a B2 bucket, every write a new version whose file ID is the version tag. B2 has
/// no conditional upload, so writes are guarded by the lock (see <see cref="LockVersions"/>); before uploading, a
/// write still checks that the newest version is the one this run read and refuses with
/// <see cref="StateConflictException"/> otherwise. That check and the upload are two calls, so a writer that does
/// not hold the lock can still slip in between: the check catches stale runs, not races. After a write, versions
/// beyond <see cref="B2StateOptions.KeepVersions"/> are deleted (best effort; the next write tries again).
/// </summary>
public sealed class B2StateStore : IRemoteStateStore, IDisposable
{
    /// <summary>Versions of the state looked at per write: the newest for the check, the rest for pruning.</summary>
    private const int WritePageSize = 100;

    /// <summary>Versions of the state looked at per read: the newest is enough, unless unfinished large files sit above it.</summary>
    private const int ReadPageSize = 10;

    private readonly B2StateOptions _options;
    private readonly B2Client _client;
    private readonly B2BucketReference _bucket;
    private readonly HttpMessageHandler? _ownedHandler;

    /// <summary>A store reaching B2 through <paramref name="handler"/> (a fresh connection pool when null).</summary>
    public B2StateStore(B2StateOptions options, HttpMessageHandler? handler = null)
        : this(options, B2ClientSettings.For(options.ApplicationKeyId, options.ApplicationKey, options.Endpoint), handler)
    {
    }

    internal B2StateStore(B2StateOptions options, B2ClientSettings settings, HttpMessageHandler? handler, TimeProvider? time = null)
    {
        if (options.KeepVersions < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.KeepVersions, "keep at least the newest version of the state");
        _options = options;
        _ownedHandler = handler is null ? new SocketsHttpHandler() : null;
        _client = new B2Client(handler ?? _ownedHandler!, settings, time);
        _bucket = new B2BucketReference(_client, options.Bucket);
        LockVersions = new B2ObjectVersions(_bucket, options.LockKey);
    }

    public string Location => $"b2 bucket {_options.Bucket}, key {_options.Key}";

    /// <summary>The versions of the lock file (<see cref="B2StateOptions.LockKey"/>) that the versioned lock runs on.</summary>
    public IObjectVersions LockVersions { get; }

    public async Task<StoredState?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var bucketId = await _bucket.BucketIdAsync(cancellationToken);
            // A version deleted between the listing and the download (pruned by a writer) means a newer one exists: list again.
            for (var attempt = 0; ; attempt++)
            {
                var newest = await NewestAsync(bucketId, ReadPageSize, cancellationToken);
                if (newest is null)
                    return null;
                if (await _client.DownloadFileByIdAsync(newest.FileId, cancellationToken) is { } content)
                    return new StoredState(content, newest.FileId);
                if (attempt == 2)
                    throw new StateException($"the newest version of the state at {Location} kept disappearing while it was read",
                        "another run is writing the state without the lock; stop it and run the command again");
            }
        }
        catch (B2ApiException e)
        {
            throw Unreachable("read", e);
        }
    }

    public async Task<string> WriteAsync(byte[] content, string? expectedVersion, CancellationToken cancellationToken)
    {
        List<B2FileVersion> versions;
        B2FileVersion uploaded;
        try
        {
            var bucketId = await _bucket.BucketIdAsync(cancellationToken);
            versions = await VersionsAsync(bucketId, WritePageSize, cancellationToken);
            var stored = versions.FirstOrDefault() is { HasContent: true } newest ? newest.FileId : null;
            if (!string.Equals(stored, expectedVersion, StringComparison.Ordinal))
                throw new StateConflictException(Location, expectedVersion, stored);
            uploaded = await _client.UploadFileAsync(bucketId, _options.Key, content, "application/json", cancellationToken);
        }
        catch (B2ApiException e)
        {
            throw Unreachable("write", e);
        }
        await PruneAsync(versions.Skip(_options.KeepVersions - 1), cancellationToken);
        return uploaded.FileId;
    }

    public void Dispose()
    {
        _client.Dispose();
        _ownedHandler?.Dispose();
    }

    /// <summary>The newest version of the state's name with content, or null when there is none or a hide marker is newest.</summary>
    private async Task<B2FileVersion?> NewestAsync(string bucketId, int pageSize, CancellationToken cancellationToken) =>
        (await VersionsAsync(bucketId, pageSize, cancellationToken)).FirstOrDefault() is { HasContent: true } newest ? newest : null;

    /// <summary>
    /// Of the first <paramref name="count"/> versions of the state's name, newest first, the uploads and hide markers
    /// (an unfinished large file someone else started is neither state nor its absence).
    /// </summary>
    private async Task<List<B2FileVersion>> VersionsAsync(string bucketId, int count, CancellationToken cancellationToken)
    {
        var page = await _client.ListFileVersionsAsync(bucketId, _options.Key, null, count, _options.Key, cancellationToken);
        return [.. page.Files.TakeWhile(v => string.Equals(v.FileName, _options.Key, StringComparison.Ordinal))
            .Where(v => v.HasContent || v.Action == B2FileVersion.HideAction)];
    }

    /// <summary>
    /// Deletes old versions. A failure here does not fail the write, which has happened: a key without
    /// <c>deleteFiles</c>, or a busy B2, only leaves old versions for the next write to remove.
    /// </summary>
    private async Task PruneAsync(IEnumerable<B2FileVersion> old, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var version in old)
                await _client.DeleteFileVersionAsync(version.FileName, version.FileId, cancellationToken);
        }
        catch (B2ApiException)
        {
            // Left for the next write; the new version is stored either way.
        }
    }

    private StateException Unreachable(string what, B2ApiException e) =>
        new($"cannot {what} the state at {Location}: {e.Message}", e.Hint ?? "check the bucket name and that the key can list, read and write files in it", e);
}
