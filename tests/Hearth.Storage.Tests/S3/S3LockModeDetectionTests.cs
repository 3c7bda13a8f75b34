using Hearth.Core.Diagnostics;
using Hearth.Storage.S3;
using Hearth.Testing.S3;

namespace Hearth.Storage.Tests.S3;

public sealed class S3LockModeDetectionTests : IAsyncLifetime
{
    private const string Bucket = "hearth-state";
    private FakeS3Server _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeS3Server.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Theory]
    [InlineData(FakeS3ConditionalWrites.Honours, false, S3LockMode.Conditional)]
    [InlineData(FakeS3ConditionalWrites.Honours, true, S3LockMode.Conditional)]
    [InlineData(FakeS3ConditionalWrites.NotImplemented, true, S3LockMode.Versioned)]
    [InlineData(FakeS3ConditionalWrites.Ignores, true, S3LockMode.Versioned)]
    public async Task Auto_chooses_the_lock_the_server_can_keep(FakeS3ConditionalWrites server, bool versioned, S3LockMode expected)
    {
        _fake.ConditionalWrites = server;
        _fake.CreateBucket(Bucket, versioned);

        using var state = await S3RemoteState.OpenAsync(S3TestOptions.OnFake(_fake, Bucket, S3LockMode.Auto), CancellationToken.None);

        Assert.Equal(expected, state.LockMode);
        Assert.Null(state.Warning);
        Assert.Equal(expected == S3LockMode.Conditional, ((S3StateStore)state.Store).ComparesAndSwaps);
    }

    [Theory]
    [InlineData(FakeS3ConditionalWrites.Honours, false)]
    [InlineData(FakeS3ConditionalWrites.Honours, true)]
    [InlineData(FakeS3ConditionalWrites.NotImplemented, true)]
    [InlineData(FakeS3ConditionalWrites.Ignores, true)]
    [InlineData(FakeS3ConditionalWrites.Ignores, false)]
    public async Task The_probe_leaves_no_object_and_no_version_behind(FakeS3ConditionalWrites server, bool versioned)
    {
        _fake.ConditionalWrites = server;
        _fake.CreateBucket(Bucket, versioned);

        try
        {
            using var _ = await S3RemoteState.OpenAsync(S3TestOptions.OnFake(_fake, Bucket, S3LockMode.Auto), CancellationToken.None);
        }
        catch (StateException)
        {
            // Ignores without versioning refuses; the probe must still clean up.
        }

        Assert.Empty(_fake.Keys(Bucket));
    }

    [Fact]
    public async Task Auto_probes_once_per_run_with_two_uploads_and_one_versioning_query()
    {
        _fake.ConditionalWrites = FakeS3ConditionalWrites.NotImplemented;
        _fake.CreateBucket(Bucket, versioned: true);

        using var state = await S3RemoteState.OpenAsync(S3TestOptions.OnFake(_fake, Bucket, S3LockMode.Auto), CancellationToken.None);
        await state.Store.ReadAsync(CancellationToken.None);

        Assert.Equal(1, _fake.Calls("PUT object"));
        Assert.Equal(1, _fake.Calls("GET versioning"));
    }

    [Theory]
    [InlineData(FakeS3ConditionalWrites.Ignores, "ignores conditional writes")]
    [InlineData(FakeS3ConditionalWrites.NotImplemented, "501 NotImplemented")]
    public async Task Auto_refuses_a_server_that_can_lock_neither_way_and_says_what_to_do(FakeS3ConditionalWrites server, string reason)
    {
        _fake.ConditionalWrites = server;
        _fake.CreateBucket(Bucket, versioned: false);

        var refused = await Assert.ThrowsAsync<StateException>(() => S3RemoteState.OpenAsync(S3TestOptions.OnFake(_fake, Bucket, S3LockMode.Auto), CancellationToken.None));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Contains("does not keep versions", refused.Message, StringComparison.Ordinal);
        Assert.Contains("enable versioning", refused.Hint, StringComparison.Ordinal);
        Assert.Contains("lock: none", refused.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lock_versioned_on_a_bucket_without_versioning_is_refused()
    {
        _fake.CreateBucket(Bucket, versioned: false);

        var refused = await Assert.ThrowsAsync<StateException>(() => S3RemoteState.OpenAsync(S3TestOptions.OnFake(_fake, Bucket, S3LockMode.Versioned), CancellationToken.None));

        Assert.Contains("versioning is not enabled", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lock_none_never_locks_and_warns_on_every_run()
    {
        _fake.CreateBucket(Bucket);
        var options = S3TestOptions.OnFake(_fake, Bucket, S3LockMode.None);

        using var first = await S3RemoteState.OpenAsync(options, CancellationToken.None);
        using var second = await S3RemoteState.OpenAsync(options, CancellationToken.None);

        Assert.Contains("not locked", first.Warning, StringComparison.Ordinal);
        Assert.Null(await first.Lock.TryAcquireAsync(Hearth.Core.State.LockInfo.ForCurrentProcess("apply", "x", "test"), CancellationToken.None));
        Assert.Null(await second.Lock.TryAcquireAsync(Hearth.Core.State.LockInfo.ForCurrentProcess("apply", "x", "test"), CancellationToken.None));
        Assert.Equal(0, _fake.TotalCalls);
    }
}
