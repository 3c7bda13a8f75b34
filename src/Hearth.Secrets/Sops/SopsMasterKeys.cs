namespace Hearth.Secrets.Sops;

/// <summary>
/// The master key entries of one key group as stored in a file. Entries of kinds this build cannot use (kms,
/// gcp_kms, azure_kv, hc_vault, hckms) are kept as they are in <see cref="Other"/> and written back unchanged.
/// </summary>
public sealed record SopsMasterKeys(
    IReadOnlyList<SopsAgeEntry> Age,
    IReadOnlyList<SopsPgpEntry> Pgp,
    IReadOnlyList<KeyValuePair<string, SopsNode>> Other)
{
    public static readonly string[] OtherKinds = ["azure_kv", "gcp_kms", "hc_vault", "hckms", "kms"];

    public bool IsEmpty => Age.Count == 0 && Pgp.Count == 0 && Other.All(o => o.Value is not SopsList { Items.Count: > 0 });
}
