namespace Hearth.Secrets.Sops;

/// <param name="Fingerprint">40 hex digits, upper case.</param>
/// <param name="CreatedAt">When the entry was made (RFC 3339, UTC), as sops records it.</param>
public sealed record SopsPgpEntry(string Fingerprint, string Enc, string? CreatedAt = null);
