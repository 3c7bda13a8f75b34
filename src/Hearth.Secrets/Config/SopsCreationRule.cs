using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Config;

/// <summary>
/// One entry of <c>creation_rules</c> in <c>.sops.yaml</c>: which files it is for and the keys and encryption
/// rules new files get.
/// </summary>
/// <param name="PathRegex">The RE2 pattern as written; null matches every file.</param>
/// <param name="KeyGroups">
/// From <c>key_groups</c> when it is set (one per entry, possibly empty), otherwise one group of the flat
/// <c>age</c> and <c>pgp</c> keys, or none when the rule lists no age or PGP key.
/// </param>
/// <param name="ShamirThreshold">How many groups open a file; 0 when not set (sops then requires all).</param>
/// <param name="Rules">The encryption selectors as written, not yet normalised.</param>
/// <param name="UnsupportedKeyKinds">
/// The key kinds the rule lists that Hearth cannot encrypt to (<c>kms</c>, <c>gcp_kms</c>, <c>azure_keyvault</c>,
/// <c>hc_vault_transit_uri</c>, <c>hckms</c>, and in key groups <c>hc_vault</c>), named as written, so the caller can
/// refuse rather than write a file those keys' holders cannot open.
/// </param>
public sealed record SopsCreationRule(
    string? PathRegex,
    IReadOnlyList<SopsKeyGroup> KeyGroups,
    int ShamirThreshold,
    SopsEncryptionRules Rules,
    IReadOnlyList<string> UnsupportedKeyKinds)
{
    /// <summary>Where the rule is written, <c>path:line:column</c>, for messages about it.</summary>
    public string Origin { get; init; } = "";
}
