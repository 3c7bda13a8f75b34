namespace Hearth.Secrets.Sops;

/// <summary>A SOPS file as read from disk: its data documents (one, or several for multi-document YAML) and its metadata.</summary>
public sealed record SopsDocument(IReadOnlyList<SopsMap> Documents, SopsMetadata Metadata);
