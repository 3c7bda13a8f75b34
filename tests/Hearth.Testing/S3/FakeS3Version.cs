namespace Hearth.Testing.S3;

/// <summary>One version of an object in <see cref="FakeS3Server"/>: content with its ETag, or a delete marker.</summary>
/// <param name="VersionId">The version's ID; <c>null</c> (the string) in a bucket that never had versioning.</param>
public sealed record FakeS3Version(string VersionId, byte[] Content, string ETag, DateTimeOffset LastModified, bool IsDeleteMarker)
{
    public override string ToString() => IsDeleteMarker ? $"{VersionId} (delete marker)" : $"{VersionId} {ETag} ({Content.Length} bytes)";
}
