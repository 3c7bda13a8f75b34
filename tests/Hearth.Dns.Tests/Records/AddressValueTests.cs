using Hearth.Dns.Records;

namespace Hearth.Dns.Tests.Records;

public sealed class AddressValueTests
{
    private static readonly DnsNameContext Lab = DnsNameContext.Lab(DnsName.Parse("qt.rs"));

    private static string Normalise(DnsRecordType type, string value) => DnsRecordValue.Normalise(type, value, Lab, "www.qt.rs.");

    [Theory]
    [InlineData("192.0.2.10", "192.0.2.10")]
    [InlineData(" 10.0.0.1 ", "10.0.0.1")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("255.255.255.255", "255.255.255.255")]
    public void An_IPv4_address_is_a_dotted_quad(string value, string expected)
    {
        Assert.Equal(expected, Normalise(DnsRecordType.A, value));
    }

    [Theory]
    [InlineData("192.0.2", "four decimal numbers")]
    [InlineData("192.0.2.256", "larger than 255")]
    [InlineData("010.0.0.1", "leading zero")]
    [InlineData("0x7f.0.0.1", "four decimal numbers")]
    [InlineData("3232235777", "four decimal numbers")]
    [InlineData("2001:db8::1", "AAAA")]
    [InlineData("www.qt.rs", "four decimal numbers")]
    public void A_value_that_is_not_an_IPv4_address_is_refused_for_A(string value, string reason)
    {
        var error = Assert.Throws<DnsRecordException>(() => Normalise(DnsRecordType.A, value));

        Assert.StartsWith("www.qt.rs. A: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not an IPv4 address", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message + error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2001:DB8::1", "2001:db8::1")]
    [InlineData("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1")]
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1")]
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]
    [InlineData("2001:0:0:1:0:0:0:1", "2001:0:0:1::1")]
    [InlineData("2001:db8::0:1", "2001:db8::1")]
    [InlineData("0:0:0:0:0:0:0:0", "::")]
    [InlineData("0:0:0:0:0:0:0:1", "::1")]
    [InlineData("fe80:0:0:0:0:0:0:0", "fe80::")]
    [InlineData("::ffff:192.0.2.1", "::ffff:192.0.2.1")]
    [InlineData("::FFFF:C000:0201", "::ffff:192.0.2.1")]
    [InlineData("64:ff9b::192.0.2.33", "64:ff9b::c000:221")]
    [InlineData("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff")]
    public void An_IPv6_address_is_written_as_RFC_5952_says(string value, string expected)
    {
        Assert.Equal(expected, Normalise(DnsRecordType.AAAA, value));
    }

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("[2001:db8::1]")]
    [InlineData("2001:db8::/64")]
    [InlineData("2001:db8:::1")]
    [InlineData("2001:db8::g")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    public void A_value_that_is_not_an_IPv6_address_is_refused_for_AAAA(string value)
    {
        var error = Assert.Throws<DnsRecordException>(() => Normalise(DnsRecordType.AAAA, value));

        Assert.Contains("is not an IPv6 address", error.Message, StringComparison.Ordinal);
        Assert.Equal(DnsRecordType.AAAA, error.Problems[0].Type);
    }
}
