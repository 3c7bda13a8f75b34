using Hearth.Secrets.Age;

namespace Hearth.Secrets.Tests;

public sealed class AgeIdentityTests
{
    [Fact]
    public void A_fixture_identity_yields_the_recipient_its_key_file_names()
    {
        var identity = Assert.Single(SopsFixtures.AgeKey("flux-age.txt"));

        Assert.Equal("age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29", identity.Recipient);
        Assert.Equal("AGE-SECRET-KEY-1RH87A5Z54ZGUR9S0AS3R6WHFSEFNPLYMAKF5Z2CEU7R06VRJ0A3Q7242AM", identity.ToSecretString());
    }

    [Fact]
    public void A_generated_identity_round_trips_through_its_key_file()
    {
        var identity = AgeIdentity.Generate();

        var file = identity.ToKeyFile(DateTimeOffset.UnixEpoch);
        var read = Assert.Single(AgeIdentity.ParseFile(file));

        Assert.Equal(identity.Recipient, read.Recipient);
        Assert.StartsWith("age1", identity.Recipient, StringComparison.Ordinal);
        Assert.Contains($"# public key: {identity.Recipient}", file, StringComparison.Ordinal);
        Assert.DoesNotContain(identity.ToSecretString(), identity.ToString(), StringComparison.Ordinal);
    }
}
