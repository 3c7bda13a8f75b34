using Hearth.Secrets.Age;
using Hearth.Secrets.Config;

namespace Hearth.Secrets.Tests.Config;

public sealed class SopsConfigRuleTests
{
    private static readonly string Alice = AgeIdentity.Generate().Recipient;
    private static readonly string Bob = AgeIdentity.Generate().Recipient;
    private static readonly string Carol = AgeIdentity.Generate().Recipient;
    private const string Fingerprint = "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4";

    [Fact]
    public void The_first_matching_rule_wins_and_a_rule_without_path_regex_matches_everything()
    {
        using var tree = new TempTree();
        var config = Load(tree, $"""
            creation_rules:
              - path_regex: \.prod\.yaml$
                age: {Alice}
              - path_regex: \.yaml$
                age: {Bob}
              - age: {Carol}
            """);

        Assert.Equal([Alice], config.RuleFor(tree.PathOf("db.prod.yaml")).KeyGroups[0].AgeRecipients);
        Assert.Equal([Bob], config.RuleFor(tree.PathOf("db.dev.yaml")).KeyGroups[0].AgeRecipients);
        Assert.Equal([Carol], config.RuleFor(tree.PathOf("db.json")).KeyGroups[0].AgeRecipients);
    }

    [Fact]
    public void Path_regex_is_matched_against_the_path_relative_to_the_config_directory()
    {
        using var tree = new TempTree();
        tree.Write(".sops.yaml", $"""
            creation_rules:
              - path_regex: ^secrets/prod/
                age: {Alice}
              - path_regex: ^prod/
                age: {Bob}
            """);
        var file = tree.Write(Path.Combine("secrets", "prod", "db.yaml"), "password: x\n");
        var found = SopsConfigFile.Find(Path.GetDirectoryName(file)!);
        var config = SopsConfigFile.Load(found.Path!);

        var rule = config.RuleFor(file);

        Assert.Equal([Alice], rule.KeyGroups[0].AgeRecipients);
        Assert.Equal("secrets/prod/db.yaml", config.MatchedPath(file));
    }

    [Fact]
    public void Path_regex_matches_anywhere_in_the_path_unless_anchored()
    {
        using var tree = new TempTree();
        var config = Load(tree, $"""
            creation_rules:
              - path_regex: prod
                age: {Alice}
            """);

        Assert.Same(config.CreationRules[0], config.RuleFor(tree.PathOf(Path.Combine("apps", "prod", "db.yaml"))));
    }

    [Fact]
    public void A_file_no_rule_matches_is_refused_naming_the_config_and_the_file()
    {
        using var tree = new TempTree();
        var config = Load(tree, $"""
            creation_rules:
              - path_regex: ^secrets/
                age: {Alice}
            """);
        var file = tree.PathOf("other.yaml");

        var error = Assert.Throws<SecretsException>(() => config.RuleFor(file));

        Assert.Equal(SecretsFailure.InvalidConfig, error.Failure);
        Assert.Equal($"no creation rule in {config.Path} matches {file}", error.Message);
        Assert.Contains("`other.yaml`", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Comma_separated_strings_and_lists_give_the_same_keys()
    {
        using var tree = new TempTree();
        var config = Load(tree, $"""
            creation_rules:
              - path_regex: string
                age: " {Alice} , {Bob},, "
                pgp: "fbc7 b9e2 a4f9 289a c0c1  d484 3d16 cee4 a273 81b4,"
              - path_regex: list
                age:
                  - {Alice}
                  - {Bob}
                pgp: [{Fingerprint}]
            """);

        var fromString = config.CreationRules[0].KeyGroups.Single();
        var fromList = config.CreationRules[1].KeyGroups.Single();

        Assert.Equal([Alice, Bob], fromString.AgeRecipients);
        Assert.Equal([Alice, Bob], fromList.AgeRecipients);
        Assert.Equal([Fingerprint], fromString.PgpFingerprints);
        Assert.Equal([Fingerprint], fromList.PgpFingerprints);
    }

    [Fact]
    public void A_folded_comma_separated_fingerprint_list_as_in_the_sops_repository_is_read()
    {
        using var tree = new TempTree();
        var config = Load(tree, """
            creation_rules:
                - pgp: >-
                    FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4,
                    D7229043384BCC60326C6FB9D8720D957C3D3074
            """);

        Assert.Equal(["FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4", "D7229043384BCC60326C6FB9D8720D957C3D3074"],
            config.CreationRules.Single().KeyGroups.Single().PgpFingerprints);
    }

    [Fact]
    public void Key_groups_replace_the_flat_keys_and_carry_the_shamir_threshold()
    {
        using var tree = new TempTree();
        var config = Load(tree, $"""
            creation_rules:
              - age: {Carol}
                shamir_threshold: 2
                key_groups:
                  - age: [{Alice}, {Alice}]
                    pgp: [{Fingerprint}]
                  - age: [{Bob}]
                  - merge:
                      - age: [{Carol}]
                      - age: [{Carol}, {Bob}]
            """);

        var rule = config.CreationRules.Single();

        Assert.Equal(2, rule.ShamirThreshold);
        Assert.Equal(3, rule.KeyGroups.Count);
        Assert.Equal([Alice], rule.KeyGroups[0].AgeRecipients);
        Assert.Equal([Fingerprint], rule.KeyGroups[0].PgpFingerprints);
        Assert.Equal([Bob], rule.KeyGroups[1].AgeRecipients);
        Assert.Equal([Carol, Bob], rule.KeyGroups[2].AgeRecipients);
    }

    [Fact]
    public void An_empty_key_groups_list_leaves_the_flat_keys_in_force()
    {
        using var tree = new TempTree();
        var config = Load(tree, $"""
            creation_rules:
              - age: {Alice}
                key_groups: []
            """);

        Assert.Equal([Alice], config.CreationRules.Single().KeyGroups.Single().AgeRecipients);
    }

    [Fact]
    public void Keys_shared_through_anchors_and_merge_keys_are_read()
    {
        using var tree = new TempTree();
        var config = Load(tree, $"""
            keys:
              - &alice {Alice}
              - &bob {Bob}
            common: &common
              encrypted_regex: ^(data|stringData)$
            creation_rules:
              - path_regex: k8s/
                <<: *common
                key_groups:
                  - age: [*alice, *bob]
            """);

        var rule = config.CreationRules.Single();

        Assert.Equal([Alice, Bob], rule.KeyGroups.Single().AgeRecipients);
        Assert.Equal("^(data|stringData)$", rule.Rules.EncryptedRegex);
    }

    [Fact]
    public void Encryption_selectors_are_kept_as_written_without_the_default()
    {
        using var tree = new TempTree();
        var config = Load(tree, $"""
            creation_rules:
              - path_regex: a
                age: {Alice}
                encrypted_suffix: _secret
                mac_only_encrypted: true
              - age: {Alice}
            """);

        Assert.Equal(new Sops.SopsEncryptionRules(EncryptedSuffix: "_secret", MacOnlyEncrypted: true), config.CreationRules[0].Rules);
        Assert.Equal(new Sops.SopsEncryptionRules(), config.CreationRules[1].Rules);
    }

    [Fact]
    public void Key_kinds_this_build_cannot_use_are_listed_by_name()
    {
        using var tree = new TempTree();
        var config = Load(tree, $"""
            creation_rules:
              - path_regex: flat
                age: {Alice}
                kms: arn:aws:kms:eu-west-1:111122223333:key/abc, arn:aws:kms:eu-west-1:111122223333:key/def
                hc_vault_transit_uri: ""
                gcp_kms: [projects/p/locations/global/keyRings/r/cryptoKeys/k]
              - path_regex: groups
                kms: arn:aws:kms:eu-west-1:111122223333:key/ignored
                key_groups:
                  - age: [{Alice}]
                    azure_keyvault:
                      - vaultUrl: https://example.vault.azure.net
                        key: sops
                        version: "1"
                    hc_vault: [https://vault:8200/v1/transit/keys/sops]
            """);

        Assert.Equal(["kms", "gcp_kms"], config.CreationRules[0].UnsupportedKeyKinds);
        Assert.Equal(["azure_keyvault", "hc_vault"], config.CreationRules[1].UnsupportedKeyKinds);
        Assert.Equal([Alice], config.CreationRules[1].KeyGroups.Single().AgeRecipients);
    }

    [Fact]
    public void Store_indentation_is_read_with_sops_defaults_as_null()
    {
        using var tree = new TempTree();
        var config = Load(tree, """
            stores:
              yaml:
                indent: 2
              json:
                indent: -1
              json_binary:
                indent: 0
            creation_rules: []
            """);

        Assert.Equal(new SopsStoreSettings(YamlIndent: 2, JsonIndent: null, JsonBinaryIndent: 0), config.Stores);
        Assert.Empty(config.CreationRules);
    }

    [Fact]
    public void A_config_without_rules_or_with_only_destination_rules_loads()
    {
        using var tree = new TempTree();
        var config = Load(tree, """
            destination_rules:
              - s3_bucket: backups
                path_regex: .*
            """);

        Assert.Empty(config.CreationRules);
        Assert.Equal(SopsStoreSettings.Default, config.Stores);
    }

    private static SopsConfigFile Load(TempTree tree, string yaml) => SopsConfigFile.Load(tree.Write(".sops.yaml", yaml));
}
