namespace Hearth.Cli.Tests.Processes.StateBackends;

public sealed class B2StateLockingTests(FakeB2ProcessFixture fake) : StateLockingContract, IClassFixture<FakeB2ProcessFixture>
{
    protected override Task<StateLocation> NewLocationAsync() => Task.FromResult(fake.NewLocation());
}
