namespace Hearth.Secrets.Sops;

/// <summary>The parts of a file's <c>sops</c> block needed to open it.</summary>
public sealed record SopsMetadata(
    IReadOnlyList<SopsAgeEntry> Age,
    IReadOnlyList<SopsPgpEntry> Pgp,
    int KeyGroupCount,
    string? LastModified,
    string? Mac,
    bool MacOnlyEncrypted,
    string? Version)
{
    /// <summary>Reads the metadata branch (<c>sops:</c> in YAML/JSON; unflattened <c>sops_*</c> lines in dotenv).</summary>
    /// <exception cref="SecretsException">The branch is missing required parts.</exception>
    public static SopsMetadata From(SopsMap branch)
    {
        static string? Text(SopsNode? node) => (node as SopsScalar)?.Value?.ToString();
        static IEnumerable<SopsMap> Entries(SopsNode? node) => (node as SopsList)?.Items.OfType<SopsMap>() ?? [];

        var groups = (branch.Get("key_groups") as SopsList)?.Items.OfType<SopsMap>().ToList() ?? [];
        var sources = groups.Count > 0 ? groups : [branch];
        var age = sources.SelectMany(g => Entries(g.Get("age")))
            .Select(e => new SopsAgeEntry(Text(e.Get("recipient")) ?? "", Text(e.Get("enc")) ?? "")).ToList();
        var pgp = sources.SelectMany(g => Entries(g.Get("pgp")))
            .Select(e => new SopsPgpEntry(Text(e.Get("fp")) ?? "", Text(e.Get("enc")) ?? "")).ToList();
        return new SopsMetadata(age, pgp, Math.Max(1, groups.Count), Text(branch.Get("lastmodified")), Text(branch.Get("mac")),
            branch.Get("mac_only_encrypted") is SopsScalar { Value: true or "true" }, Text(branch.Get("version")));
    }
}
