using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Stores;

/// <summary>A parsed file: its documents, and its <c>sops</c> metadata branch when it is encrypted.</summary>
public sealed record SopsParsed(IReadOnlyList<SopsMap> Documents, SopsMap? Metadata)
{
    public bool IsEncrypted => Metadata is not null;

    /// <exception cref="SecretsException">The file has no metadata.</exception>
    public SopsDocument ToDocument(string fileName) =>
        new(Documents, SopsMetadata.From(Metadata ?? throw NotEncrypted(fileName)));

    public static SecretsException NotEncrypted(string fileName) =>
        new(SecretsFailure.InvalidFile, $"{fileName} is not encrypted with SOPS: it has no sops metadata", "encrypt it with `hearth sops -e -i FILE` or `sops -e -i FILE`");
}
