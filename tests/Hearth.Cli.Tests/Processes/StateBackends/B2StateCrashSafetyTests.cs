namespace Hearth.Cli.Tests.Processes.StateBackends;

public sealed class B2StateCrashSafetyTests(FakeB2ProcessFixture fake) : StateCrashSafetyContract, IClassFixture<FakeB2ProcessFixture>
{
    protected override Task<StateLocation> NewLocationAsync() => Task.FromResult(fake.NewLocation());
}
