using System.Text;
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
}
