using System.Diagnostics;
using Hearth.Testing.Cloudflare;
using static Hearth.Dns.Tests.Providers.Cloudflare.CloudflareLab;

namespace Hearth.Dns.Tests.Providers.Cloudflare;

/// <summary>Retries: a create whose answer was lost is checked, not repeated; 429s wait for Retry-After.</summary>
public sealed class CloudflareRetryTests
{
    private const string OneRecord = "        - { name: www, type: A, value: 192.0.2.10 }\n";

    [Theory]
    [InlineData(FakeCloudflareFault.DropAfterCommit)]
    [InlineData(FakeCloudflareFault.TimeoutAfterCommit)]
    [InlineData(FakeCloudflareFault.ServerError)]
    public async Task A_create_whose_answer_is_lost_is_checked_before_it_is_sent_again(FakeCloudflareFault fault)
    {
        using var fake = new FakeCloudflare();
        fake.AddZone(Zone);
        fake.FailNext(fault, endpoint: "POST dns_records");
        using var engine = Harness(fake, CloudflareLab.Lab(OneRecord));

        var (_, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Single(fake.Records(Zone));
        var resent = fault == FakeCloudflareFault.ServerError ? 2 : 1; // A 502 made nothing, so the check finds nothing and the create is sent again.
        Assert.Equal(resent, fake.Calls("POST dns_records"));
    }

    [Fact]
    public async Task A_429_waits_for_retry_after_up_to_the_configured_limit()
    {
        using var fake = new FakeCloudflare { RetryAfterSeconds = 1 };
        fake.AddZone(Zone);
        fake.FailNext(FakeCloudflareFault.RateLimited, endpoint: "POST dns_records");
        var lab = CloudflareLab.Lab(OneRecord).Replace("max_retry_delay: 0.002", "max_retry_delay: 5", StringComparison.Ordinal);
        using var engine = Harness(fake, lab);

        var watch = Stopwatch.StartNew();
        var (_, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.Equal(2, fake.Calls("POST dns_records"));
        Assert.Single(fake.Records(Zone));
    }

    [Fact]
    public async Task When_the_retries_run_out_the_error_says_what_failed_and_that_a_rerun_is_safe()
    {
        using var fake = new FakeCloudflare();
        fake.AddZone(Zone);
        fake.FailNext(FakeCloudflareFault.ServerError, count: 100, endpoint: "POST dns_records");
        using var engine = Harness(fake, CloudflareLab.Lab(OneRecord));

        var (_, result) = await engine.ApplyAsync();

        var error = Assert.Single(result.Errors);
        Assert.Contains("cloudflare: creating www.qt.rs. A 192.0.2.10 still failed after 13 attempts", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Records(Zone));
    }
}
