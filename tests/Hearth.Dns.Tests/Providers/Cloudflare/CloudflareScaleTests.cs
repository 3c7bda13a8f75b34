using Hearth.Testing.Cloudflare;
using static Hearth.Dns.Tests.Providers.Cloudflare.CloudflareLab;

namespace Hearth.Dns.Tests.Providers.Cloudflare;

/// <summary>Call counts on a large zone, and convergence through a flaky API.</summary>
public sealed class CloudflareScaleTests
{
    [Fact]
    public async Task A_no_change_plan_of_2000_records_makes_only_the_listing_calls()
    {
        using var fake = new FakeCloudflare();
        fake.AddZone(Zone);
        using var engine = Harness(fake, CloudflareLab.Lab(ManyRecords(2000), extra: ", page_size: 500"));
        var (_, applied) = await engine.ApplyAsync();
        Assert.True(applied.Succeeded, string.Join("\n", applied.Errors.Take(3).Select(e => e.Message)));
        fake.ResetCalls();

        var plan = await engine.PlanAsync();

        Assert.False(plan.HasChanges);
        Assert.Equal(4, fake.Calls("GET dns_records")); // 2,000 records, 500 a page.
        Assert.True(fake.TotalCalls <= 5, string.Join(", ", fake.CallsByEndpoint)); // and at most the zone lookup.
    }

    [Fact]
    public async Task A_no_change_plan_of_two_zones_of_2000_records_makes_only_each_zones_listing_calls()
    {
        using var fake = new FakeCloudflare();
        fake.AddZone(Zone);
        fake.AddZone("qt.example");
        var lab = CloudflareLab.Lab(ManyRecords(2000), extra: ", page_size: 500") + """

                qt.example:
                  provider: cloudflare
                  records:
            """ + "\n" + ManyRecords(2000);
        using var engine = Harness(fake, lab);
        var (_, applied) = await engine.ApplyAsync();
        Assert.True(applied.Succeeded, string.Join("\n", applied.Errors.Take(3).Select(e => e.Message)));
        fake.ResetCalls();

        var plan = await engine.PlanAsync();

        Assert.False(plan.HasChanges);
        Assert.Equal(8, fake.Calls("GET dns_records")); // Two zones, 2,000 records each, 500 a page.
        Assert.True(fake.TotalCalls <= 10, string.Join(", ", fake.CallsByEndpoint)); // and at most the two zone lookups.
    }

    [Fact]
    public async Task An_apply_of_500_records_through_an_api_failing_a_fifth_of_its_calls_converges_without_duplicates()
    {
        using var fake = new FakeCloudflare { RetryAfterSeconds = 0 };
        fake.AddZone(Zone);
        using var engine = Harness(fake, CloudflareLab.Lab(ManyRecords(500)));
        fake.FailRandomly(0.2, seed: 7);

        var (_, first) = await engine.ApplyAsync();
        var (_, second) = await engine.ApplyAsync();
        fake.FailRandomly(0, seed: 0);
        var plan = await engine.PlanAsync();

        Assert.True(second.Succeeded, string.Join("\n", second.Errors.Take(3).Select(e => e.Message)));
        var records = fake.Records(Zone);
        Assert.Equal(500, records.Count);
        Assert.Equal(500, records.Select(r => r.Name).Distinct().Count());
        Assert.False(plan.HasChanges);
        Assert.True(first.Errors.Length < 500);
    }
}
