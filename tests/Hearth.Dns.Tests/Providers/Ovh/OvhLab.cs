using Hearth.Dns.Resources;
using Hearth.Testing;
using Hearth.Testing.Ovh;

namespace Hearth.Dns.Tests.Providers.Ovh;

/// <summary>Labs whose zone lives in a <see cref="FakeOvh"/>, driven end to end through the engine.</summary>
internal static class OvhLab
{
    public const string Zone = "qt.rs";

    /// <summary>The provider settings: the fake's URL and tiny retry delays, so fault tests stay fast.</summary>
    public static string Providers(string secret = FakeOvh.DefaultApplicationSecret, string consumerKey = FakeOvh.DefaultConsumerKey) => $$"""
        providers:
          ovh: { endpoint: "{{FakeOvh.BaseUrl}}", application_key: "{{FakeOvh.DefaultApplicationKey}}", application_secret: "{{secret}}", consumer_key: "{{consumerKey}}", retries: 12, retry_delay: 0.001, max_retry_delay: 0.002 }
        """;

    public static string Lab(string records, string secret = FakeOvh.DefaultApplicationSecret, string consumerKey = FakeOvh.DefaultConsumerKey) => $"""
        {Providers(secret, consumerKey)}
        dns:
          zones:
            {Zone}:
              provider: ovh
              records:
        {records}
        """;

    public static FakeOvh NewFake()
    {
        var fake = new FakeOvh();
        fake.AddZone(Zone);
        return fake;
    }

    public static EngineHarness Harness(FakeOvh fake, string lab)
    {
        var records = new DnsRecordResourceType(TimeProvider.System, fake);
        return DnsEngine.Harness(lab, records);
    }
}
