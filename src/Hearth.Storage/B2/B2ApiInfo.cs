namespace Hearth.Storage.B2;

/// <summary>The v3 <c>apiInfo</c> group of an authorisation; only the storage API is used.</summary>
internal sealed record B2ApiInfo(B2StorageApi StorageApi);
