using System.Text;
using Hearth.Secrets.Sops;
using Hearth.Secrets.Stores;

namespace Hearth.Secrets.Tests.Stores;

public sealed class JsonSopsStoreTests
{
    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}' })]
    public void A_string_that_is_not_utf8_is_an_invalid_file_naming_it(byte[] content)
    {
        var error = Assert.Throws<SecretsException>(() => new JsonSopsStore().Parse(content, "t.json"));

        Assert.Equal(SecretsFailure.InvalidFile, error.Failure);
        Assert.StartsWith("t.json: invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a": "\ud800"}""")]
    [InlineData("""{"\udc00": 1}""")]
    public void A_lone_surrogate_escape_is_an_invalid_file_naming_it(string json)
    {
        var error = Assert.Throws<SecretsException>(() => new JsonSopsStore().Parse(Encoding.UTF8.GetBytes(json), "t.json"));

        Assert.Equal(SecretsFailure.InvalidFile, error.Failure);
        Assert.StartsWith("t.json: invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_beyond_a_double_is_an_invalid_file_naming_it()
    {
        var error = Assert.Throws<SecretsException>(() => new JsonSopsStore().Parse("""{"a": 1e999}"""u8.ToArray(), "t.json"));

        Assert.Equal(SecretsFailure.InvalidFile, error.Failure);
        Assert.Equal("t.json: the number 1e999 is out of range", error.Message);
    }

    [Theory]
    [InlineData("5", 5L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void An_integer_reads_as_an_int_not_a_float(string json, long expected)
    {
        var parsed = new JsonSopsStore().Parse(Encoding.UTF8.GetBytes($$"""{"a": {{json}}}"""), "t.json");

        Assert.Equal(expected, ((SopsScalar)parsed.Documents[0].Get("a")!).Value);
    }

    [Fact]
    public void Negative_zero_is_written_so_that_it_reads_back_as_a_float()
    {
        var store = new JsonSopsStore();

        var written = store.Write([new SopsMap([KeyValuePair.Create("a", (SopsNode)new SopsScalar(-0.0))])], null);

        Assert.Equal("{\n\t\"a\": -0.0\n}\n", Encoding.UTF8.GetString(written));
        Assert.True(double.IsNegative((double)((SopsScalar)store.Parse(written, "t.json").Documents[0].Get("a")!).Value!));
    }
}
