using Hearth.Dns.ZoneFiles;

namespace Hearth.Dns.Tests.ZoneFiles;

public sealed class ZoneSerialTests
{
    private static readonly DateOnly Today = new(2025, 6, 15);

    [Theory]
    [InlineData(0u, 2025061500u)]
    [InlineData(1u, 2025061500u)]
    [InlineData(2025061400u, 2025061500u)]
    [InlineData(2025061399u, 2025061500u)]
    public void A_serial_older_than_today_becomes_todays_date(uint current, uint expected)
    {
        Assert.Equal(expected, ZoneSerial.Next(current, Today));
    }

    [Theory]
    [InlineData(2025061500u, 2025061501u)]
    [InlineData(2025061599u, 2025061600u)]
    [InlineData(2030010100u, 2030010101u)]
    public void A_serial_from_today_or_later_goes_up_by_one(uint current, uint expected)
    {
        Assert.Equal(expected, ZoneSerial.Next(current, Today));
    }

    [Fact]
    public void The_largest_serial_wraps_to_zero_which_serial_arithmetic_reads_as_newer()
    {
        Assert.Equal(0u, ZoneSerial.Next(uint.MaxValue, Today));
    }
}
