using System.Text.Json.Nodes;

namespace Hearth.Testing.B2;

/// <summary>
/// One file version in <see cref="FakeB2"/>: an upload or a hide marker. <see cref="Sequence"/> is the order the
/// fake committed versions in, which breaks ties between versions of the same millisecond.
/// </summary>
public sealed record FakeB2FileVersion(
    string AccountId,
    string BucketId,
    string FileId,
    string FileName,
    string Action,
    long UploadTimestamp,
    long Sequence,
    long ContentLength,
    string? ContentSha1,
    string? ContentType,
    IReadOnlyDictionary<string, string> FileInfo)
{
    /// <summary>B2's listing order: by name, then newest first.</summary>
    public static readonly IComparer<FakeB2FileVersion> ListingOrder = Comparer<FakeB2FileVersion>.Create((a, b) =>
    {
        var byName = string.CompareOrdinal(a.FileName, b.FileName);
        if (byName != 0)
            return byName;
        var byTime = b.UploadTimestamp.CompareTo(a.UploadTimestamp);
        return byTime != 0 ? byTime : b.Sequence.CompareTo(a.Sequence);
    });

    public bool IsHideMarker => Action == "hide";

    public JsonObject ToJson()
    {
        var info = new JsonObject();
        foreach (var (key, value) in FileInfo)
            info[key] = value;
        return new JsonObject
        {
            ["accountId"] = AccountId,
            ["action"] = Action,
            ["bucketId"] = BucketId,
            ["contentLength"] = ContentLength,
            ["contentMd5"] = null,
            ["contentSha1"] = ContentSha1,
            ["contentType"] = ContentType,
            ["fileId"] = FileId,
            ["fileInfo"] = info,
            ["fileName"] = FileName,
            ["uploadTimestamp"] = UploadTimestamp,
        };
    }
}
