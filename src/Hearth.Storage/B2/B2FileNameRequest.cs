namespace Hearth.Storage.B2;

/// <summary>The body of <c>b2_hide_file</c>.</summary>
internal sealed record B2FileNameRequest(string BucketId, string FileName);
