using Hearth.Secrets.Age;
using Hearth.Secrets.Config;

namespace Hearth.Secrets.Tests.Config;

public sealed class SopsRecipientsTests
{
    private static readonly string Alice = AgeIdentity.Generate().Recipient;
    private static readonly string Bob = AgeIdentity.Generate().Recipient;
    private const string Fingerprint = "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4";

    [Fact]
    public void Command_line_recipients_alone_form_one_group_and_the_config_is_not_consulted()
    {
        using var tree = new TempTree();
        // Consulted, this rule would fail: it matches nothing and holds a KMS key.
        var config = Load(tree, """
            creation_rules:
              - path_regex: ^never$
                kms: arn:aws:kms:eu-west-1:111122223333:key/abc
            """);

        var groups = SopsRecipients.ForFile(tree.PathOf("db.yaml"), new SopsRecipientOptions([$"{Alice},{Bob}", Alice], ["fbc7 b9e2 a4f9 289a c0c1 d484 3d16 cee4 a273 81b4"]), config);

        var group = Assert.Single(groups);
        Assert.Equal([Alice, Bob], group.AgeRecipients);
        Assert.Equal([Fingerprint], group.PgpFingerprints);
    }

    [Fact]
    public void A_flag_wins_over_its_environment_variable_while_the_other_kind_still_comes_from_its_variable()
    {
        var options = new SopsRecipientOptions([Alice], [], AgeRecipientsVariable: Bob, PgpFingerprintsVariable: Fingerprint);

        var group = Assert.Single(SopsRecipients.ForFile("db.yaml", options, config: null));

        Assert.Equal([Alice], group.AgeRecipients);
        Assert.Equal([Fingerprint], group.PgpFingerprints);
    }

    [Fact]
    public void Environment_recipients_are_used_when_no_flag_is_given()
    {
        var options = new SopsRecipientOptions([], [], AgeRecipientsVariable: $" {Alice} , {Bob} ");

        var group = Assert.Single(SopsRecipients.ForFile("db.yaml", options, config: null));

        Assert.Equal([Alice, Bob], group.AgeRecipients);
        Assert.Empty(group.PgpFingerprints);
    }

    [Fact]
    public void Without_command_line_recipients_the_matching_rules_groups_are_used()
    {
        using var tree = new TempTree();
        var config = Load(tree, $"""
            creation_rules:
              - path_regex: ^prod/
                key_groups:
                  - age: [{Alice}]
                  - age: [{Bob}]
              - age: {Bob}
            """);

        var groups = SopsRecipients.ForFile(tree.PathOf(Path.Combine("prod", "db.yaml")), SopsRecipientOptions.None, config);

        Assert.Equal(2, groups.Count);
        Assert.Equal([Alice], groups[0].AgeRecipients);
        Assert.Equal([Bob], groups[1].AgeRecipients);
    }

    [Theory]
    [InlineData("age1pq1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq", "is a post-quantum (ML-KEM) age recipient")]
    [InlineData("age1yubikey1qwt50d05nh5vutpdzmlg5wn80xq5negm4uj9ghv0snvdd3yysf5yw3rhl3t", "is an age plugin recipient")]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHrcX0Cf8bH2tCzy5OBpMmtvw9zGZLfwNPgJ2KxlPOfz", "is an SSH public key")]
    [InlineData("age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys28", "is not a valid age recipient: Bech32 checksum mismatch")]
    [InlineData("AGE-SECRET-KEY-1RH87A5Z54ZGUR9S0AS3R6WHFSEFNPLYMAKF5Z2CEU7R06VRJ0A3Q7242AM", "is not an age recipient")]
    public void An_age_recipient_that_is_not_x25519_is_refused(string recipient, string reason)
    {
        var options = new SopsRecipientOptions([recipient], []);

        var error = Assert.Throws<SecretsException>(() => SopsRecipients.ForFile("db.yaml", options, config: null));

        Assert.Equal(SecretsFailure.InvalidConfig, error.Failure);
        Assert.StartsWith($"--age: `{recipient}` {reason}", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
        if (!reason.Contains("valid", StringComparison.Ordinal))
            Assert.EndsWith("this build supports X25519 age recipients (age1…) only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_recipient_in_the_config_is_reported_with_the_rule_location()
    {
        using var tree = new TempTree();
        var config = Load(tree, """
            creation_rules:
              - path_regex: ^pq/
              - age: age1pq1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq
            """);

        var error = Assert.Throws<SecretsException>(() => SopsRecipients.ForFile(tree.PathOf("db.yaml"), SopsRecipientOptions.None, config));

        Assert.StartsWith($"{config.Path}:3:5: `age1pq1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_listing_keys_this_build_cannot_use_is_refused_naming_their_kinds()
    {
        using var tree = new TempTree();
        var config = Load(tree, $"""
            creation_rules:
              - age: {Alice}
                kms: arn:aws:kms:eu-west-1:111122223333:key/abc
                hc_vault_transit_uri: https://vault:8200/v1/transit/keys/sops
            """);

        var error = Assert.Throws<SecretsException>(() => SopsRecipients.ForFile(tree.PathOf("db.yaml"), SopsRecipientOptions.None, config));

        Assert.Equal($"{config.Path}:2:5: the creation rule for {tree.PathOf("db.yaml")} lists kms, hc_vault_transit_uri keys, which this build cannot encrypt to (it supports age and PGP)",
            error.Message);
    }

    [Fact]
    public void A_rule_without_keys_or_with_an_empty_group_is_refused()
    {
        using var tree = new TempTree();
        var config = Load(tree, $"""
            creation_rules:
              - path_regex: ^none/
                encrypted_regex: ^data$
              - key_groups:
                  - age: [{Alice}]
                  - pgp: []
            """);

        var none = Assert.Throws<SecretsException>(() => SopsRecipients.ForFile(tree.PathOf(Path.Combine("none", "a.yaml")), SopsRecipientOptions.None, config));
        var empty = Assert.Throws<SecretsException>(() => SopsRecipients.ForFile(tree.PathOf("b.yaml"), SopsRecipientOptions.None, config));

        Assert.EndsWith("lists no keys", none.Message, StringComparison.Ordinal);
        Assert.Contains("key group 2 of the creation rule", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_recipients_and_no_config_is_refused_with_what_to_do()
    {
        var error = Assert.Throws<SecretsException>(() => SopsRecipients.ForFile("db.yaml", SopsRecipientOptions.None, config: null));

        Assert.Equal(SecretsFailure.NoRecipients, error.Failure);
        Assert.Equal("no recipients for db.yaml: none was given with --age or --pgp, and no .sops.yaml was found", error.Message);
        Assert.StartsWith("pass --age age1…", error.Hint, StringComparison.Ordinal);
    }

    private static SopsConfigFile Load(TempTree tree, string yaml) => SopsConfigFile.Load(tree.Write(".sops.yaml", yaml));
}
