namespace Hearth.Storage.B2;

/// <summary>The body and the answer of <c>b2_delete_file_version</c>: the version and its file name.</summary>
internal sealed record B2DeletedFileVersion(string FileId, string FileName);
