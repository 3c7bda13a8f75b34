namespace Hearth.Storage.B2;

/// <summary>One page of <c>b2_list_file_versions</c>; the next page starts at <see cref="NextFileName"/> and <see cref="NextFileId"/>.</summary>
internal sealed record B2FileVersionPage(List<B2FileVersion> Files, string? NextFileName, string? NextFileId);
