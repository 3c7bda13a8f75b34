namespace Hearth.Storage.Locking;

/// <summary>
/// The versions of one object in a store that keeps every upload as its own version (a versioned S3 bucket,
/// a B2 bucket): all the versioned lock protocol needs, for stores that offer no conditional write.
/// </summary>
public interface IObjectVersions
{
    /// <summary>Uploads <paramref name="content"/> as a new version of the object and returns the version's ID.</summary>
    Task<string> PutAsync(byte[] content, CancellationToken cancellationToken);

    /// <summary>
    /// The object's versions that have not been deleted (hidden ones included: B2 hides the older versions on every
    /// upload, and a hidden lock version still holds the lock), in the order the store committed them, oldest first:
    /// the store's own upload order, never a client's clock.
    /// </summary>
    Task<IReadOnlyList<ObjectVersion>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The content of one version, or null when it was deleted meanwhile.</summary>
    Task<byte[]?> GetAsync(string versionId, CancellationToken cancellationToken);

    /// <summary>Deletes one version; deleting a version that is already gone is not an error.</summary>
    Task DeleteAsync(string versionId, CancellationToken cancellationToken);
}

/// <summary>One version of an object: its ID and when the store committed it.</summary>
public sealed record ObjectVersion(string VersionId, DateTimeOffset Committed);
