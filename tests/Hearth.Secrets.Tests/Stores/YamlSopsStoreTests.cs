using System.Text;
using Hearth.Secrets.Sops;
using Hearth.Secrets.Stores;

namespace Hearth.Secrets.Tests.Stores;

public sealed class YamlSopsStoreTests
{
    private static string RoundTrip(string yaml)
    {
        var store = new YamlSopsStore();
        var parsed = store.Parse(Encoding.UTF8.GetBytes(yaml), "t.yaml");
        return Encoding.UTF8.GetString(store.Write(parsed.Documents, null));
    }

    [Fact]
    public void Comments_key_order_and_types_survive_a_round_trip()
    {
        const string yaml = "# top\nb: 1\n# before a\na:\n    - x\n    # inside\n    - 2.5\nc: \"true\"\nd: |\n    line one\n    line two\n";

        Assert.Equal(yaml, RoundTrip(yaml));
    }

    [Fact]
    public void A_comment_keeps_the_text_after_the_hash_exactly()
    {
        var parsed = new YamlSopsStore().Parse("#tight\n# spaced\na: 1\n"u8.ToArray(), "t.yaml");

        Assert.Equal(["tight", " spaced"], parsed.Documents[0].Entries.Select(e => e.Value).OfType<SopsComment>().Select(c => c.Text));
    }

    [Fact]
    public void Multi_document_files_keep_every_document()
    {
        Assert.Equal("a: 1\n---\nb: 2\n", RoundTrip("a: 1\n---\nb: 2\n"));
    }

    [Fact]
    public void A_duplicate_key_is_an_error_naming_its_place()
    {
        var error = Assert.Throws<SecretsException>(() => new YamlSopsStore().Parse("a: 1\nb: 2\na: 3\n"u8.ToArray(), "t.yaml"));

        Assert.Equal("t.yaml:3:1: duplicate key `a`", error.Message);
    }

    [Fact]
    public void A_file_of_only_comments_has_no_documents_and_is_not_encrypted()
    {
        var parsed = new YamlSopsStore().Parse("# only a comment"u8.ToArray(), "t.yaml");

        Assert.Empty(parsed.Documents);
        Assert.Equal(SecretsFailure.InvalidFile, Assert.Throws<SecretsException>(() => parsed.ToDocument("t.yaml")).Failure);
    }

    [Fact]
    public void Input_the_yaml_library_rejects_with_its_own_exceptions_is_an_invalid_file_naming_it()
    {
        var error = Assert.Throws<SecretsException>(() => new YamlSopsStore().Parse("a: !!str[x]\n"u8.ToArray(), "t.yaml"));

        Assert.Equal(SecretsFailure.InvalidFile, error.Failure);
        Assert.StartsWith("t.yaml: invalid YAML", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0o777777777777777777777777", "0o777777777777777777777777")]
    [InlineData("0x8000000000000000", "0x8000000000000000")]
    [InlineData("0x7FFFFFFFFFFFFFFF", long.MaxValue)]
    [InlineData("0o17", 15L)]
    public void Hex_and_octal_numbers_beyond_64_bits_stay_strings(string plain, object expected)
    {
        var parsed = new YamlSopsStore().Parse(Encoding.UTF8.GetBytes($"a: {plain}\n"), "t.yaml");

        Assert.Equal(expected, ((SopsScalar)parsed.Documents[0].Get("a")!).Value);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\ta")]
    [InlineData("a\t")]
    [InlineData("a\u0000b\nc")]
    [InlineData("x\u2028y")]
    [InlineData("x\u0085y")]
    [InlineData("a *b")]
    [InlineData(" a\nb")]
    public void Strings_the_yaml_library_would_write_ambiguously_read_back_the_same_as_keys_and_values(string text)
    {
        var document = new SopsMap([KeyValuePair.Create(text, (SopsNode)new SopsScalar(text)), KeyValuePair.Create("next", (SopsNode)new SopsScalar(1L))]);
        var store = new YamlSopsStore();

        var back = store.Parse(store.Write([document], null), "t.yaml").Documents[0];

        Assert.Equal([text, "next"], back.Entries.Select(e => e.Key));
        Assert.Equal(text, ((SopsScalar)back.Entries[0].Value).Value);
    }

    [Fact]
    public void Comments_after_a_flow_sequence_an_anchored_scalar_and_in_a_flow_map_are_read_where_they_stand()
    {
        var parsed = new YamlSopsStore().Parse("a: [1, 2] # note\nb: &x 1 # anchored\nc: {d: 1 # in flow\n}\n"u8.ToArray(), "t.yaml");

        var document = parsed.Documents[0];
        Assert.Equal(["a", "", "b", "", "c"], document.Entries.Select(e => e.Key));
        Assert.Equal(" note", ((SopsComment)document.Entries[1].Value).Text);
        Assert.Equal(" anchored", ((SopsComment)document.Entries[3].Value).Text);
        Assert.Equal(" in flow", ((SopsComment)((SopsMap)document.Entries[4].Value).Entries[1].Value).Text);
    }

    [Fact]
    public void Comments_keep_their_level_through_a_round_trip()
    {
        // Comments that open a nested map, a list, and a map or list item, one that closes a nested list, and one
        // after a nested block but indented as the top level.
        const string yaml = "db:\n    # the primary\n    host: x\nlist:\n    # first\n    - a\n    -   # opening\n        k: v\n    -   - x\n        # last\n# outer\nz: 1\n";

        Assert.Equal(yaml, RoundTrip(yaml));
    }

    [Fact]
    public void Encrypted_comments_inside_nested_blocks_decrypt_after_a_round_trip()
    {
        const string yaml = "db:\n    # the primary\n    host: x\n    # closing\n# outer\nlist:\n    # first\n    - a\n";
        var identity = Hearth.Secrets.Age.AgeIdentity.Generate();
        var store = new YamlSopsStore();
        var plain = store.Parse(Encoding.UTF8.GetBytes(yaml), "t.yaml").Documents;
        var encrypted = SopsEncryptor.EncryptNew(plain, [new SopsKeyGroup([identity.Recipient], [])], 0, new SopsEncryptionRules(),
            new SopsDataKey([identity], null), DateTimeOffset.UnixEpoch);

        var written = store.Write(encrypted.Documents, encrypted.Metadata.ToTree());
        var decrypted = new SopsDecryptor([identity]).Decrypt(store.Parse(written, "t.yaml").ToDocument("t.yaml"), "t.yaml");

        Assert.Equal(yaml, Encoding.UTF8.GetString(store.Write(decrypted, null)));
    }
}
