using Hearth.Core.Addressing;
using Hearth.Testing;

namespace Hearth.Core.Tests.Addressing;

public sealed class ResourceAddressTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("with \"quotes\"")]
    [InlineData("back\\slash")]
    [InlineData("ends with \\")]
    [InlineData("\\\"")]
    public void A_key_survives_printing_and_parsing(string key)
    {
        var address = new ResourceAddress("data", "n", key);

        Assert.Equal(address, ResourceAddress.Parse(address.ToString()));
    }

    [Fact]
    public async Task A_reference_with_an_escaped_quote_in_its_key_finds_that_instance()
    {
        using var engine = new EngineHarness("""
            resources:
              data.n:
                for_each: ['say "hi"']
                input: "${each.key}"
              data.use:
                input: '${data.n["say \"hi\""].output}'
            """);

        var (_, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded);
        var state = await engine.StateAsync();
        Assert.Equal("say \"hi\"", state.Find(ResourceAddress.Parse("data.use"))!.Attributes.Get("output")!.ToText());
    }
}
