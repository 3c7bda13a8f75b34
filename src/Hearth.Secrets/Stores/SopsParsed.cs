using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Stores;

/// <summary>A parsed file: its documents, and its <c>sops</c> metadata branch when it is encrypted.</summary>
public sealed record SopsParsed(IReadOnlyList<SopsMap> Documents, SopsMap? Metadata)
{
    public bool IsEncrypted => Metadata is not null;

    /// <summary>
    /// The documents with their metadata read. As sops reads a file, a file without any of the six encryption
    /// selectors has <c>unencrypted_suffix: _unencrypted</c>, and one with several, or with a regex that does not
    /// parse, is refused.
    /// </summary>
    /// <exception cref="SecretsException">The file has no metadata, or its encryption rules cannot be used.</exception>
    public SopsDocument ToDocument(string fileName)
    {
        var metadata = SopsMetadata.From(Metadata ?? throw NotEncrypted(fileName));
        return new(Documents, metadata with { Rules = metadata.Rules.Normalized(fileName, SecretsFailure.InvalidFile) });
    }

    public static SecretsException NotEncrypted(string fileName) =>
        new(SecretsFailure.InvalidFile, $"{fileName} is not encrypted with SOPS: it has no sops metadata", "encrypt it with `hearth sops -e -i FILE` or `sops -e -i FILE`");
}
