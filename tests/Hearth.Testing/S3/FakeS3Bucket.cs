namespace Hearth.Testing.S3;

/// <summary>A bucket of <see cref="FakeS3Server"/>: its versioning status and every key's versions, oldest first.</summary>
internal sealed class FakeS3Bucket(string name)
{
    public string Name { get; } = name;

    /// <summary><c>Enabled</c>, <c>Suspended</c>, or null for a bucket that never had versioning.</summary>
    public string? Versioning { get; set; }

    public SortedDictionary<string, List<FakeS3Version>> Objects { get; } = new(StringComparer.Ordinal);

    public bool KeepsVersions => string.Equals(Versioning, "Enabled", StringComparison.Ordinal);

    /// <summary>The current version (the newest, unless it is a delete marker).</summary>
    public FakeS3Version? Current(string key) =>
        Objects.TryGetValue(key, out var versions) && versions.Count > 0 && !versions[^1].IsDeleteMarker ? versions[^1] : null;
}
