namespace Hearth.Cli.Tests.Processes.StateBackends;

public sealed class S3StateLockingTests(FakeS3ProcessFixture fake) : StateLockingContract, IClassFixture<FakeS3ProcessFixture>
{
    protected override Task<StateLocation> NewLocationAsync() => Task.FromResult(fake.NewLocation());
}
