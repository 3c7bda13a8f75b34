using Hearth.Core.Values;
using Hearth.Dns.Providers;
using Hearth.Dns.Providers.Ovh;
using Hearth.Dns.Records;
using Hearth.Testing.Ovh;
using static Hearth.Dns.Tests.Providers.Ovh.OvhLab;

namespace Hearth.Dns.Tests.Providers.Ovh;

/// <summary>Changes made at about the same time are published with one refresh, and each still gets its own outcome.</summary>
public sealed class OvhBatchTests
{
    private static readonly DnsName ZoneName = DnsName.Parse("qt.rs.");

    private static string ManyRecords(int count) =>
        string.Join('\n', Enumerable.Range(1, count).Select(i => $"        - {{ name: host{i}, type: A, value: 198.51.100.{i} }}"));

    [Fact]
    public async Task An_apply_of_fifty_records_publishes_them_all_with_a_few_refreshes_not_one_each()
    {
        const int count = 50;
        using var fake = NewFake();
        fake.Latency = TimeSpan.FromMilliseconds(5); // Records keep arriving while a batch is in flight, as with the real API.
        using var engine = Harness(fake, OvhLab.Lab(ManyRecords(count)));

        var (plan, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(count, plan.ToAdd);
        Assert.Equal(count, fake.Published(Zone).Count);
        Assert.Equal(count, fake.Calls("POST records"));
        Assert.InRange(fake.Calls("POST refresh"), 1, 5);
        Assert.False((await engine.PlanAsync()).HasChanges);
    }

    [Fact]
    public async Task A_removal_of_fifty_records_is_published_with_a_few_refreshes()
    {
        const int count = 50;
        using var fake = NewFake();
        using var engine = Harness(fake, OvhLab.Lab(ManyRecords(count)));
        await engine.ApplyAsync();
        engine.Lab.Write("hearth.yaml", OvhLab.Lab(ManyRecords(1)));
        fake.Latency = TimeSpan.FromMilliseconds(5);
        fake.ResetCalls();

        var (plan, result) = await engine.ApplyAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        Assert.Equal(count - 1, plan.ToDestroy);
        Assert.Single(fake.Published(Zone));
        Assert.InRange(fake.Calls("POST refresh"), 1, 5);
    }

    [Fact]
    public async Task In_a_batch_one_record_that_already_exists_fails_alone_and_the_others_are_published()
    {
        const int count = 50;
        using var fake = NewFake();
        fake.Add(Zone, "A", "host7", "192.0.2.250");
        fake.Latency = TimeSpan.FromMilliseconds(5);
        using var engine = Harness(fake, OvhLab.Lab(ManyRecords(count)));

        var (_, result) = await engine.ApplyAsync();

        var error = Assert.Single(result.Errors);
        Assert.Equal("dns_record.qt_rs.host7_A", error.Address);
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal(count, fake.Published(Zone).Count); // 49 made, and the one made by hand.
        Assert.Equal(count - 1, (await engine.StateAsync()).Resources.Count);
        Assert.InRange(fake.Calls("POST refresh"), 1, 8); // The others' batch is still published once, not set by set.
    }

    [Fact]
    public async Task When_a_batchs_refresh_fails_each_change_sent_again_alone_is_published_not_taken_for_someone_elses()
    {
        using var fake = NewFake();
        using var client = Client(fake);
        var provider = new OvhProvider(client);
        var changes = Enumerable.Range(1, 3).Select(i => (DnsZoneChange)new DnsZoneChange.Put(Host(i), null)).ToList();
        fake.FailNext(FakeOvhFault.ServerError, endpoint: "POST refresh");

        await Assert.ThrowsAsync<OvhApiException>(() => provider.ApplyAsync(ZoneName, changes, CancellationToken.None));
        Assert.Empty(fake.Published(Zone));
        foreach (var change in changes) // As DnsWriteBatcher does after a failed batch.
            await provider.ApplyAsync(ZoneName, [change], CancellationToken.None);

        Assert.Equal(3, fake.Published(Zone).Count);
        Assert.Equal(3, fake.Calls("POST records"));
    }

    [Fact]
    public async Task When_one_write_of_a_batch_fails_that_change_alone_reports_the_failure_and_the_others_are_published()
    {
        using var fake = NewFake();
        using var client = Client(fake);
        var provider = new OvhProvider(client);
        var changes = Enumerable.Range(1, 3).Select(i => (DnsZoneChange)new DnsZoneChange.Put(Host(i), null)).ToList();
        fake.FailNext(FakeOvhFault.ServerError, endpoint: "POST records");

        await Assert.ThrowsAsync<OvhApiException>(() => provider.ApplyAsync(ZoneName, changes, CancellationToken.None));
        var outcomes = new List<Exception?>();
        foreach (var change in changes)
            outcomes.Add(await Record.ExceptionAsync(() => provider.ApplyAsync(ZoneName, [change], CancellationToken.None)));

        var failure = Assert.Single(outcomes, e => e is not null);
        Assert.Contains("ovh: creating host", failure!.Message, StringComparison.Ordinal);
        Assert.Equal(2, fake.Published(Zone).Count);
        Assert.Equal(2, fake.Records(Zone).Count);
    }

    private static DnsRecordSet Host(int i) =>
        DnsRecordSet.Create(DnsName.Parse($"host{i}.qt.rs."), DnsRecordType.A, 300, [$"198.51.100.{i}"], DnsNameContext.Absolute);

    private static OvhClient Client(FakeOvh fake) => new(fake, new OvhSettings(new Uri(FakeOvh.BaseUrl), FakeOvh.DefaultApplicationKey,
        (SensitiveValue)Value.String(FakeOvh.DefaultApplicationSecret).MarkSensitive(), (SensitiveValue)Value.String(FakeOvh.DefaultConsumerKey).MarkSensitive(),
        0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(5)), TimeProvider.System);
}
