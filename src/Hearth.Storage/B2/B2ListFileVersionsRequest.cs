namespace Hearth.Storage.B2;

/// <summary>The body of <c>b2_list_file_versions</c> (absent fields are left out).</summary>
internal sealed record B2ListFileVersionsRequest(string BucketId, string? StartFileName, string? StartFileId, int? MaxFileCount, string? Prefix);
