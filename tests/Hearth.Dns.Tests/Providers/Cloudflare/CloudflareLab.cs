using System.Text;
using Hearth.Dns.Resources;
using Hearth.Testing;
using Hearth.Testing.Cloudflare;

namespace Hearth.Dns.Tests.Providers.Cloudflare;

/// <summary>Labs whose zone lives in a <see cref="FakeCloudflare"/>, driven end to end through the engine.</summary>
internal static class CloudflareLab
{
    public const string Zone = "qt.rs";

    /// <summary>The provider settings: the fake's URL and tiny retry delays, so fault tests stay fast.</summary>
    public static string Providers(string token = FakeCloudflare.DefaultToken, string extra = "") => $$"""
        providers:
          cloudflare: { api_token: "{{token}}", base_url: "{{FakeCloudflare.BaseUrl}}", retries: 12, retry_delay: 0.001, max_retry_delay: 0.002{{extra}} }
        """;

    public static string Lab(string records, string token = FakeCloudflare.DefaultToken, string extra = "") => $"""
        {Providers(token, extra)}
        dns:
          zones:
            {Zone}:
              provider: cloudflare
              records:
        {records}
        """;

    /// <summary><paramref name="count"/> A records, host0 … hostN.</summary>
    public static string ManyRecords(int count)
    {
        var records = new StringBuilder();
        for (var i = 0; i < count; i++)
            records.Append(CultureInvariant($"        - {{ name: host{i}, type: A, value: 10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256} }}\n"));
        return records.ToString();
    }

    public static EngineHarness Harness(FakeCloudflare fake, string lab)
    {
        var records = new DnsRecordResourceType(TimeProvider.System, fake);
        return DnsEngine.Harness(lab, records);
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
