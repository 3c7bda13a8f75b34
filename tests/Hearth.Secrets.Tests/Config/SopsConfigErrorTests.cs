using Hearth.Secrets.Config;

namespace Hearth.Secrets.Tests.Config;

public sealed class SopsConfigErrorTests
{
    private const string Recipient = "age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29";

    [Fact]
    public void An_unknown_key_in_a_rule_is_reported_at_its_line_and_column_with_a_suggestion()
    {
        using var tree = new TempTree();
        var (path, error) = Fail(tree, $"""
            creation_rules:
              - path_regex: secrets/
                age: {Recipient}
                encrypted_regx: ^data$
            """);

        Assert.Equal(SecretsFailure.InvalidConfig, error.Failure);
        Assert.Equal($"{path}:4:5: unknown key `encrypted_regx` in a creation rule", error.Message);
        Assert.Equal("did you mean `encrypted_regex`?", error.Hint);
    }

    [Fact]
    public void An_unknown_key_with_no_near_match_lists_the_valid_keys()
    {
        using var tree = new TempTree();
        var (_, error) = Fail(tree, """
            creation_rules:
              - key_groups:
                  - yubikey: [one]
            """);

        Assert.EndsWith(":3:9: unknown key `yubikey` in a key group", error.Message, StringComparison.Ordinal);
        Assert.Equal("valid keys here: age, pgp, kms, gcp_kms, azure_keyvault, hc_vault, hckms, merge", error.Hint);
    }

    [Fact]
    public void An_invalid_path_regex_is_reported_at_its_value()
    {
        using var tree = new TempTree();
        var (path, error) = Fail(tree, $"""
            creation_rules:
              - age: {Recipient}
                path_regex: secrets/(prod
            """);

        Assert.StartsWith($"{path}:3:17: `path_regex` is not a valid regular expression: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("RE2", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Look_around_is_refused_as_go_regexp_refuses_it()
    {
        using var tree = new TempTree();
        var (path, error) = Fail(tree, """
            creation_rules:
              - path_regex: ^(?!public/).*\.yaml$
            """);

        Assert.Equal($"{path}:2:17: `path_regex` uses look-around, a back-reference or another construct Go's RE2 syntax does not have", error.Message);
    }

    [Fact]
    public void Two_selectors_in_one_rule_are_reported_at_the_second()
    {
        using var tree = new TempTree();
        var (path, error) = Fail(tree, $"""
            creation_rules:
              - age: {Recipient}
                unencrypted_suffix: _plain
                encrypted_regex: ^data$
            """);

        Assert.Equal($"{path}:4:5: `encrypted_regex` cannot be combined with `unencrypted_suffix` (line 3) in one creation rule", error.Message);
        Assert.StartsWith("keep one of unencrypted_suffix, encrypted_suffix", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    [InlineData(-1)]
    public void A_shamir_threshold_outside_two_to_the_number_of_groups_is_refused(int threshold)
    {
        using var tree = new TempTree();
        var (path, error) = Fail(tree, $"""
            creation_rules:
              - shamir_threshold: {threshold}
                key_groups:
                  - age: [{Recipient}]
                  - pgp: [FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4]
            """);

        Assert.StartsWith($"{path}:2:23: `shamir_threshold` is {threshold}", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(threshold < 0 ? "between 2 and the number of key groups" : "it must be 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_of_the_wrong_type_are_reported_where_they_are()
    {
        using var tree = new TempTree();
        var (path, error) = Fail(tree, $$"""
            creation_rules:
              - path_regex: [a, b]
                shamir_threshold: two
                mac_only_encrypted: "yes"
                age: { key: value }
              - key_groups:
                  - age: {{Recipient}}
              - key_groups: everyone
            stores:
              yaml:
                indent: -2
            """);

        Assert.Equal(
            $"""
            {path}:2:17: `path_regex` must be a string, not a list (write it as `path_regex: text`)
            {path}:3:23: `shamir_threshold` must be a whole number, not `two` (write it as `shamir_threshold: 2`)
            {path}:4:25: `mac_only_encrypted` must be true or false, not the string "yes" (write it as `mac_only_encrypted: true`)
            {path}:5:10: `age` must be a list or a comma-separated string, not a mapping (write it as `age: [first, second]`)
            {path}:7:14: `age` in a key group must be a list (write it as `age: [first, second]`; only a rule's own `age` takes a comma-separated string)
            {path}:8:17: `key_groups` must be a list of key groups (write each group as a `- age: [age1…]` item)
            {path}:11:13: `indent` in `stores.yaml` is -2; it must be 0 or more (use a number of spaces)
            """.ReplaceLineEndings("\n"),
            error.Message);
        Assert.Equal($"fix these 7 problems in {path}", error.Hint);
    }

    [Fact]
    public void A_misspelt_top_level_key_is_reported_but_other_top_level_keys_are_left_alone()
    {
        using var tree = new TempTree();
        var (path, error) = Fail(tree, $"""
            keys:
              - &me {Recipient}
            creation_rule:
              - age: *me
            """);

        Assert.Equal($"{path}:3:1: unknown top-level key `creation_rule`", error.Message);
        Assert.Equal("did you mean `creation_rules`?", error.Hint);
    }

    [Fact]
    public void A_key_written_twice_in_a_rule_is_reported()
    {
        using var tree = new TempTree();
        var (path, error) = Fail(tree, $"""
            creation_rules:
              - age: {Recipient}
                age: {Recipient}
            """);

        Assert.Equal($"{path}:3:5: not valid YAML: Duplicate key age", error.Message);
    }

    [Fact]
    public void Invalid_yaml_is_reported_with_its_position()
    {
        using var tree = new TempTree();
        var (path, error) = Fail(tree, """
            creation_rules:
              - path_regex: "unterminated
            """);

        Assert.StartsWith($"{path}:", error.Message, StringComparison.Ordinal);
        Assert.Contains(": not valid YAML: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_an_invalid_config_error()
    {
        using var tree = new TempTree();
        var path = tree.PathOf(".sops.yaml");

        var error = Assert.Throws<SecretsException>(() => SopsConfigFile.Load(path));

        Assert.Equal(SecretsFailure.InvalidConfig, error.Failure);
        Assert.StartsWith($"cannot read {path}: ", error.Message, StringComparison.Ordinal);
    }

    private static (string Path, SecretsException Error) Fail(TempTree tree, string yaml)
    {
        var path = tree.Write(".sops.yaml", yaml);
        return (path, Assert.Throws<SecretsException>(() => SopsConfigFile.Load(path)));
    }
}
