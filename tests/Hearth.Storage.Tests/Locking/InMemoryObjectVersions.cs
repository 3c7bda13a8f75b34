using Hearth.Storage.Locking;

namespace Hearth.Storage.Tests.Locking;

/// <summary>
/// Object versions held in memory the way S3 may keep them: an upload takes its place in the order when it
/// starts, but becomes visible only when it ends (after <see cref="UploadDelay"/>), so an upload in flight can
/// surface later, ahead of versions already listed. Listings are otherwise read-after-write consistent.
/// </summary>
internal sealed class InMemoryObjectVersions : IObjectVersions
{
    private readonly Lock _gate = new();
    private readonly List<(long Position, string VersionId, byte[] Content, bool Visible)> _versions = [];
    private long _nextPosition;

    /// <summary>How long one upload of <c>content</c> stays in flight; none by default.</summary>
    public Func<byte[], TimeSpan> UploadDelay { get; set; } = _ => TimeSpan.Zero;

    /// <summary>How many versions are visible now.</summary>
    public int LiveCount
    {
        get
        {
            lock (_gate)
                return _versions.Count(v => v.Visible);
        }
    }

    public async Task<string> PutAsync(byte[] content, CancellationToken cancellationToken)
    {
        string versionId;
        lock (_gate)
        {
            var position = ++_nextPosition;
            versionId = $"v{position}";
            _versions.Add((position, versionId, content.ToArray(), Visible: false));
        }
        var delay = UploadDelay(content);
        if (delay > TimeSpan.Zero)
            await Task.Delay(delay, cancellationToken);
        lock (_gate)
        {
            var index = _versions.FindIndex(v => v.VersionId == versionId);
            if (index >= 0)
                _versions[index] = _versions[index] with { Visible = true };
        }
        return versionId;
    }

    public Task<IReadOnlyList<ObjectVersion>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ObjectVersion>>(
                [.. _versions.Where(v => v.Visible).OrderBy(v => v.Position).Select(v => new ObjectVersion(v.VersionId, DateTimeOffset.UnixEpoch))]);
        }
    }

    public Task<byte[]?> GetAsync(string versionId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var found = _versions.FindIndex(v => v.VersionId == versionId && v.Visible);
            return Task.FromResult(found < 0 ? null : _versions[found].Content.ToArray());
        }
    }

    public Task DeleteAsync(string versionId, CancellationToken cancellationToken)
    {
        lock (_gate)
            _versions.RemoveAll(v => v.VersionId == versionId);
        return Task.CompletedTask;
    }
}
