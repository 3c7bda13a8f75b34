using System.Globalization;

namespace Hearth.Secrets.Sops;

/// <summary>
/// A file's <c>sops</c> block: the master keys (one group, or several sharing the data key by Shamir), which
/// values are encrypted, when it was last written and the encrypted MAC.
/// </summary>
public sealed record SopsMetadata(
    IReadOnlyList<SopsMasterKeys> KeyGroups,
    int ShamirThreshold,
    SopsEncryptionRules Rules,
    string? LastModified,
    string? Mac,
    string? Version)
{
    /// <summary>The version of the sops format this build writes, recorded in <c>version</c> as sops records its own.</summary>
    public const string FormatVersion = "3.13.2";

    public IReadOnlyList<SopsAgeEntry> Age => [.. KeyGroups.SelectMany(g => g.Age)];

    public IReadOnlyList<SopsPgpEntry> Pgp => [.. KeyGroups.SelectMany(g => g.Pgp)];

    public int KeyGroupCount => KeyGroups.Count;

    public bool MacOnlyEncrypted => Rules.MacOnlyEncrypted;

    /// <summary>The threshold that applies: 0 in the file means every group.</summary>
    public int EffectiveThreshold => ShamirThreshold > 0 ? ShamirThreshold : KeyGroups.Count;

    /// <summary>Reads the metadata branch (<c>sops:</c> in YAML/JSON; unflattened <c>sops_*</c> lines in dotenv and INI).</summary>
    public static SopsMetadata From(SopsMap branch)
    {
        var groups = (branch.Get("key_groups") as SopsList)?.Items.OfType<SopsMap>().ToList() ?? [];
        var keyGroups = groups.Count > 0 ? groups.Select(ReadKeys).ToList() : [ReadKeys(branch)];
        return new SopsMetadata(
            keyGroups,
            Text(branch.Get("shamir_threshold")) is { } threshold && int.TryParse(threshold, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : 0,
            new SopsEncryptionRules(
                NonEmpty(branch, "unencrypted_suffix"), NonEmpty(branch, "encrypted_suffix"), NonEmpty(branch, "unencrypted_regex"),
                NonEmpty(branch, "encrypted_regex"), NonEmpty(branch, "unencrypted_comment_regex"), NonEmpty(branch, "encrypted_comment_regex"),
                branch.Get("mac_only_encrypted") is SopsScalar { Value: true or "true" }),
            Text(branch.Get("lastmodified")), Text(branch.Get("mac")), Text(branch.Get("version")));
    }

    private static SopsMasterKeys ReadKeys(SopsMap group)
    {
        static IEnumerable<SopsMap> Entries(SopsNode? node) => (node as SopsList)?.Items.OfType<SopsMap>() ?? [];
        return new SopsMasterKeys(
            [.. Entries(group.Get("age")).Select(e => new SopsAgeEntry(Text(e.Get("recipient")) ?? "", Text(e.Get("enc")) ?? ""))],
            [.. Entries(group.Get("pgp")).Select(e => new SopsPgpEntry(Text(e.Get("fp")) ?? "", Text(e.Get("enc")) ?? "", Text(e.Get("created_at"))))],
            [.. SopsMasterKeys.OtherKinds.Where(kind => group.Get(kind) is SopsList { Items.Count: > 0 }).Select(kind => KeyValuePair.Create(kind, group.Get(kind)!))]);
    }

    private static string? Text(SopsNode? node) => (node as SopsScalar)?.Value switch
    {
        null => null,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var value => value.ToString(),
    };

    private static string? NonEmpty(SopsMap branch, string key) => Text(branch.Get(key)) is { Length: > 0 } text ? text : null;

    /// <summary>The block as sops 3.13 writes it: keys in byte order at every level, empty key lists left out.</summary>
    public SopsMap ToTree()
    {
        var entries = new List<KeyValuePair<string, SopsNode>>();
        void Add(string key, SopsNode? value)
        {
            if (value is not null)
                entries.Add(KeyValuePair.Create(key, value));
        }
        static SopsScalar? Scalar(object? value) => value is null ? null : new SopsScalar(value);

        if (KeyGroups.Count > 1)
            Add("key_groups", new SopsList([.. KeyGroups.Select(g => KeysTree(g, keepEmpty: true))]));
        else if (KeyGroups.Count == 1)
            entries.AddRange(KeysTree(KeyGroups[0], keepEmpty: false).Entries);
        Add("lastmodified", Scalar(LastModified));
        Add("mac", Scalar(Mac));
        Add("mac_only_encrypted", Rules.MacOnlyEncrypted ? new SopsScalar(true) : null);
        Add("shamir_threshold", KeyGroups.Count > 1 && ShamirThreshold > 0 ? new SopsScalar((long)ShamirThreshold) : null);
        Add("unencrypted_suffix", Scalar(Rules.UnencryptedSuffix));
        Add("encrypted_suffix", Scalar(Rules.EncryptedSuffix));
        Add("unencrypted_regex", Scalar(Rules.UnencryptedRegex));
        Add("encrypted_regex", Scalar(Rules.EncryptedRegex));
        Add("unencrypted_comment_regex", Scalar(Rules.UnencryptedCommentRegex));
        Add("encrypted_comment_regex", Scalar(Rules.EncryptedCommentRegex));
        Add("version", Scalar(Version ?? FormatVersion));
        return Sorted(entries);
    }

    private static SopsMap KeysTree(SopsMasterKeys keys, bool keepEmpty)
    {
        var entries = new List<KeyValuePair<string, SopsNode>>();
        if (keys.Age.Count > 0 || keepEmpty)
            entries.Add(KeyValuePair.Create("age", (SopsNode)new SopsList([.. keys.Age.Select(a => Sorted([
                KeyValuePair.Create("recipient", (SopsNode)new SopsScalar(a.Recipient)),
                KeyValuePair.Create("enc", (SopsNode)new SopsScalar(a.Enc))]))])));
        if (keys.Pgp.Count > 0)
            entries.Add(KeyValuePair.Create("pgp", (SopsNode)new SopsList([.. keys.Pgp.Select(p => Sorted([
                KeyValuePair.Create("fp", (SopsNode)new SopsScalar(p.Fingerprint)),
                KeyValuePair.Create("enc", (SopsNode)new SopsScalar(p.Enc)),
                .. p.CreatedAt is null ? [] : new[] { KeyValuePair.Create("created_at", (SopsNode)new SopsScalar(p.CreatedAt)) }]))])));
        if (keepEmpty && !keys.Other.Any(o => o.Key == "hc_vault"))
            entries.Add(KeyValuePair.Create("hc_vault", (SopsNode)new SopsList([])));
        entries.AddRange(keys.Other);
        return Sorted(entries);
    }

    private static SopsMap Sorted(IEnumerable<KeyValuePair<string, SopsNode>> entries) =>
        new([.. entries.OrderBy(e => e.Key, StringComparer.Ordinal)]);
}
