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
}
