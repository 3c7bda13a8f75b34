using Hearth.Dns.Providers.Ovh;
using Hearth.Testing.Ovh;
using static Hearth.Dns.Tests.Providers.Ovh.OvhLab;

namespace Hearth.Dns.Tests.Providers.Ovh;

/// <summary>Retries on 429 and 5xx; a create whose answer was lost is checked, not repeated; the signature itself.</summary>
public sealed class OvhRetryTests
{
    private const string OneRecord = "        - { name: www, type: A, value: 192.0.2.10 }\n";

    [Theory]
    [InlineData(FakeOvhFault.RateLimited, "POST records", 2)]
    [InlineData(FakeOvhFault.ServerError, "POST records", 2)]
    [InlineData(FakeOvhFault.DropAfterCommit, "POST records", 1)]
    [InlineData(FakeOvhFault.ServerError, "POST refresh", 1)]
    [InlineData(FakeOvhFault.RateLimited, "GET time", 1)]
    public async Task Transient_failures_are_retried_without_duplicates(FakeOvhFault fault, string endpoint, int creates)
    {
        using var fake = NewFake();
        fake.RetryAfterSeconds = 0;
        fake.FailNext(fault, endpoint: endpoint);
        using var engine = Harness(fake, OvhLab.Lab(OneRecord));

        var (_, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Single(fake.Published(Zone));
        Assert.Equal(creates, fake.Calls("POST records"));
    }

    [Fact]
    public async Task When_the_retries_run_out_the_error_says_what_failed_and_that_a_rerun_is_safe()
    {
        using var fake = NewFake();
        fake.FailNext(FakeOvhFault.ServerError, count: 100, endpoint: "POST records");
        using var engine = Harness(fake, OvhLab.Lab(OneRecord));

        var (_, result) = await engine.ApplyAsync();

        var error = Assert.Single(result.Errors);
        Assert.Contains("ovh: creating www.qt.rs. A 192.0.2.10 still failed after 13 attempts", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Records(Zone));
    }

    [Fact]
    public void The_signature_is_sha1_of_secret_consumer_key_method_url_body_and_time_joined_by_plus()
    {
        var signature = OvhSignature.Sign(FakeOvh.DefaultApplicationSecret, FakeOvh.DefaultConsumerKey, "GET",
            "https://eu.api.ovh.com/1.0/domain/zone/example.com/record?fieldType=A&subDomain=www", "", 1_700_000_000);

        Assert.Equal("$1$90a4e00e054d23c6dbb9adefde8a4b989aeb5644", signature); // Computed independently with Python's hashlib.
    }
}
