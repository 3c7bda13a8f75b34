namespace Hearth.Cli.Tests.Processes.StateBackends;

public sealed class S3StateCrashSafetyTests(FakeS3ProcessFixture fake) : StateCrashSafetyContract, IClassFixture<FakeS3ProcessFixture>
{
    protected override Task<StateLocation> NewLocationAsync() => Task.FromResult(fake.NewLocation());
}
