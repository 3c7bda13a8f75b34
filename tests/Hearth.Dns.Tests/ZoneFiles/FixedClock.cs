namespace Hearth.Dns.Tests.ZoneFiles;

/// <summary>A clock that says what the test says, so serials are predictable.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
