using System.Globalization;
using System.Net;
using Hearth.Core.Values;
using Hearth.Dns.Providers;
using Hearth.Dns.Providers.Ovh;
using Hearth.Dns.Records;
using Hearth.Testing.Ovh;
using static Hearth.Dns.Tests.Providers.Ovh.OvhLab;

namespace Hearth.Dns.Tests.Providers.Ovh;

/// <summary>The provider on its own: changes refused when the zone moved, and the fake's clock check.</summary>
public sealed class OvhProviderTests
{
    private static readonly DnsName ZoneName = DnsName.Parse("qt.rs.");

    private static OvhClient Client(FakeOvh fake) => new(fake, new OvhSettings(new Uri(FakeOvh.BaseUrl), FakeOvh.DefaultApplicationKey,
        (SensitiveValue)Value.String(FakeOvh.DefaultApplicationSecret).MarkSensitive(), (SensitiveValue)Value.String(FakeOvh.DefaultConsumerKey).MarkSensitive(),
        0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(5)), TimeProvider.System);

    private static DnsRecordSet Www(string address) =>
        DnsRecordSet.Create(DnsName.Parse("www.qt.rs."), DnsRecordType.A, 300, [address], DnsNameContext.Absolute);

    [Fact]
    public async Task A_put_is_refused_when_the_set_is_not_what_hearth_last_saw_and_nothing_is_written()
    {
        using var fake = NewFake();
        fake.Add(Zone, "A", "www", "192.0.2.66");
        using var client = Client(fake);
        fake.ResetCalls();

        var error = await Assert.ThrowsAsync<DnsRecordChangedException>(() =>
            ((IDnsZoneProvider)new OvhProvider(client)).PutAsync(ZoneName, Www("192.0.2.10"), Www("192.0.2.1"), CancellationToken.None));

        Assert.Contains("www.qt.rs. A changed in OVH since Hearth read it", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, fake.Calls("PUT record") + fake.Calls("POST records") + fake.Calls("POST refresh"));
    }

    [Fact]
    public async Task Every_put_or_delete_that_changes_the_zone_ends_with_a_refresh()
    {
        using var fake = NewFake();
        using var client = Client(fake);
        IDnsZoneProvider provider = new OvhProvider(client);

        await provider.PutAsync(ZoneName, Www("192.0.2.10"), null, CancellationToken.None);
        var found = await provider.FindAsync(ZoneName, Www("192.0.2.10").Key, CancellationToken.None);
        await provider.DeleteAsync(ZoneName, Www("192.0.2.10").Key, CancellationToken.None);
        await provider.DeleteAsync(ZoneName, Www("192.0.2.10").Key, CancellationToken.None);

        Assert.Equal(Www("192.0.2.10"), found);
        Assert.Empty(fake.Published(Zone));
        Assert.Equal(2, fake.Calls("POST refresh")); // The second delete found nothing, so published nothing.
    }

    [Fact]
    public async Task The_fake_refuses_a_request_timed_by_the_local_clock_when_the_servers_differs()
    {
        using var fake = NewFake();
        using var http = new HttpClient(fake);
        var url = FakeOvh.BaseUrl + "/domain/zone/qt.rs/record";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Ovh-Application", FakeOvh.DefaultApplicationKey);
        request.Headers.Add("X-Ovh-Consumer", FakeOvh.DefaultConsumerKey);
        request.Headers.Add("X-Ovh-Timestamp", now.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Ovh-Signature", OvhSignature.Sign(FakeOvh.DefaultApplicationSecret, FakeOvh.DefaultConsumerKey, "GET", url, "", now));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("QUERY_TIME_OUT", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
