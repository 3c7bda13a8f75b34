using Hearth.Secrets.Sops;
using Hearth.Secrets.Stores;

namespace Hearth.Secrets.Tests.Stores;

public sealed class DotenvSopsStoreTests
{
    [Theory]
    [InlineData("#KEY")]
    [InlineData("sops_key")]
    [InlineData("A=B")]
    public void A_key_that_would_read_back_as_something_else_is_refused(string key)
    {
        var document = new SopsMap([KeyValuePair.Create(key, (SopsNode)new SopsScalar("value"))]);

        var error = Assert.Throws<SecretsException>(() => new DotenvSopsStore().Write([document], null));

        Assert.Equal($"`{key}` cannot be a dotenv key", error.Message);
    }
}
