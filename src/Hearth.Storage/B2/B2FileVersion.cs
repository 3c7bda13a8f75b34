namespace Hearth.Storage.B2;

/// <summary>
/// One version of a file: an upload (<c>action: upload</c>), a hide marker (<c>hide</c>) or an unfinished large
/// file (<c>start</c>). <see cref="UploadTimestamp"/> is the server's, in milliseconds since the epoch.
/// </summary>
internal sealed record B2FileVersion(
    string FileId,
    string FileName,
    string Action,
    long UploadTimestamp,
    long ContentLength,
    string? BucketId = null,
    string? AccountId = null,
    string? ContentSha1 = null,
    string? ContentType = null,
    Dictionary<string, string>? FileInfo = null)
{
    public const string UploadAction = "upload";
    public const string HideAction = "hide";
    public const string CopyAction = "copy";

    /// <summary>An upload or a copy: a version with content, as opposed to a hide marker or an unfinished large file.</summary>
    public bool HasContent => Action is UploadAction or CopyAction;
}
