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
}
