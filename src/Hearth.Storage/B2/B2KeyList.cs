namespace Hearth.Storage.B2;

/// <summary>One page of <c>b2_list_keys</c>; the next starts at <see cref="NextApplicationKeyId"/>.</summary>
internal sealed record B2KeyList(List<B2Key> Keys, string? NextApplicationKeyId);
