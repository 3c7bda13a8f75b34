using System.Net;
using System.Net.Sockets;
using Hearth.Core.Diagnostics;
using Hearth.Core.State;
using Hearth.Storage.S3;
using Hearth.Testing.S3;

namespace Hearth.Storage.Tests.S3;

public sealed class S3StateErrorTests : IAsyncLifetime
{
    private const string Bucket = "hearth-state";
    private FakeS3Server _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeS3Server.StartAsync();
        _fake.CreateBucket(Bucket);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task A_missing_bucket_is_named_with_its_endpoint_and_what_to_do()
    {
        var options = S3TestOptions.OnFake(_fake, "no-such-bucket", S3LockMode.Conditional);
        using var state = S3RemoteState.Connect(options, S3LockMode.Conditional);

        var failed = await Assert.ThrowsAsync<StateException>(() => state.Store.ReadAsync(CancellationToken.None));

        Assert.Contains("bucket no-such-bucket at http://127.0.0.1", failed.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", failed.Message, StringComparison.Ordinal);
        Assert.Contains("state.bucket", failed.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_access_key_is_reported_without_the_secret_key()
    {
        var secret = "do-not-print-this-secret-9d2f";
        var options = S3TestOptions.OnFake(_fake, Bucket, S3LockMode.Auto) with { AccessKey = "AKIAUNKNOWN", SecretKey = secret };

        var failed = await Assert.ThrowsAsync<StateException>(() => S3RemoteState.OpenAsync(options, CancellationToken.None));

        Assert.Contains("access key", failed.Message, StringComparison.Ordinal);
        AssertSecretAbsent(failed, secret);
        Assert.DoesNotContain(secret, options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_secret_key_is_refused_as_a_bad_signature_without_printing_either_secret()
    {
        var wrong = "wrong-secret-must-stay-hidden-5e1a";
        var options = S3TestOptions.OnFake(_fake, Bucket, S3LockMode.Auto) with { SecretKey = wrong };

        var failed = await Assert.ThrowsAsync<StateException>(() => S3RemoteState.OpenAsync(options, CancellationToken.None));

        Assert.Contains("signature", failed.Message, StringComparison.Ordinal);
        Assert.Contains("state.secret_key", failed.Hint, StringComparison.Ordinal);
        AssertSecretAbsent(failed, wrong);
        AssertSecretAbsent(failed, FakeS3Server.SecretKey);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_reported_without_the_secret_key_after_bounded_retries()
    {
        var options = S3TestOptions.OnFake(_fake, Bucket, S3LockMode.Conditional) with { Endpoint = new Uri($"http://127.0.0.1:{ClosedPort()}/"), MaxRetries = 1 };
        using var state = S3RemoteState.Connect(options, S3LockMode.Conditional);

        var failed = await Assert.ThrowsAsync<StateException>(() => state.Store.WriteAsync("x"u8.ToArray(), null, CancellationToken.None));

        Assert.Contains("cannot reach http://127.0.0.1", failed.Message, StringComparison.Ordinal);
        Assert.Contains("state.endpoint", failed.Hint, StringComparison.Ordinal);
        AssertSecretAbsent(failed, FakeS3Server.SecretKey);
    }

    [Fact]
    public async Task Slow_down_answers_are_retried_by_the_client()
    {
        using var state = S3RemoteState.Connect(S3TestOptions.OnFake(_fake, Bucket, S3LockMode.Conditional), S3LockMode.Conditional);
        await state.Store.WriteAsync("one"u8.ToArray(), null, CancellationToken.None);
        _fake.FailNext(FakeS3Fault.SlowDown, count: 2, operation: "GET object");

        var read = await state.Store.ReadAsync(CancellationToken.None);

        Assert.Equal("one"u8.ToArray(), read!.Content);
        Assert.Equal(3, _fake.Calls("GET object"));
    }

    [Fact]
    public async Task A_connection_dropped_before_the_answer_is_retried()
    {
        using var state = S3RemoteState.Connect(S3TestOptions.OnFake(_fake, Bucket, S3LockMode.Conditional), S3LockMode.Conditional);
        _fake.FailNext(FakeS3Fault.DropConnection, operation: "GET object");

        Assert.Null(await state.Store.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_lock_taken_whose_answer_was_lost_is_still_ours_when_the_retry_finds_it()
    {
        using var state = S3RemoteState.Connect(S3TestOptions.OnFake(_fake, Bucket, S3LockMode.Conditional), S3LockMode.Conditional);
        var info = LockInfo.ForCurrentProcess("apply", state.Store.Location, "test");
        _fake.FailNext(FakeS3Fault.DropAfterCommit, operation: "PUT object");

        Assert.Null(await state.Lock.TryAcquireAsync(info, CancellationToken.None));
        Assert.Equal(info, await state.Lock.GetHolderAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_state_write_whose_answer_was_lost_is_not_taken_for_a_conflict()
    {
        using var state = S3RemoteState.Connect(S3TestOptions.OnFake(_fake, Bucket, S3LockMode.Conditional), S3LockMode.Conditional);
        var first = await state.Store.WriteAsync("one"u8.ToArray(), null, CancellationToken.None);
        _fake.FailNext(FakeS3Fault.DropAfterCommit, operation: "PUT object");

        var second = await state.Store.WriteAsync("two"u8.ToArray(), first, CancellationToken.None);

        var read = await state.Store.ReadAsync(CancellationToken.None);
        Assert.Equal(second, read!.Version);
        Assert.Equal("two"u8.ToArray(), read.Content);
    }

    [Fact]
    public async Task A_versioned_lock_upload_retried_after_a_lost_answer_leaves_no_second_version()
    {
        _fake.ConditionalWrites = FakeS3ConditionalWrites.NotImplemented;
        _fake.CreateBucket("versioned", versioned: true);
        var options = S3TestOptions.OnFake(_fake, "versioned", S3LockMode.Versioned);
        using var state = S3RemoteState.Connect(options, S3LockMode.Versioned);
        var info = LockInfo.ForCurrentProcess("apply", options.Location, "test");
        _fake.FailNext(FakeS3Fault.DropAfterCommit, operation: "PUT object");

        Assert.Null(await state.Lock.TryAcquireAsync(info, CancellationToken.None));

        Assert.Single(_fake.Versions("versioned", options.Key + ".lock"));
        await state.Lock.ReleaseAsync(info, CancellationToken.None);
        Assert.Empty(_fake.Versions("versioned", options.Key + ".lock"));
    }

    [Fact]
    public async Task Where_conditional_delete_is_not_implemented_release_reads_the_lock_and_deletes_only_its_own()
    {
        _fake.ConditionalDeletes = FakeS3ConditionalWrites.NotImplemented;
        var options = S3TestOptions.OnFake(_fake, Bucket, S3LockMode.Conditional);
        using var stale = S3RemoteState.Connect(options, S3LockMode.Conditional);
        using var other = S3RemoteState.Connect(options, S3LockMode.Conditional);
        var first = LockInfo.ForCurrentProcess("apply", options.Location, "test");
        var second = LockInfo.ForCurrentProcess("apply", options.Location, "test");
        Assert.Null(await stale.Lock.TryAcquireAsync(first, CancellationToken.None));
        await stale.Lock.ReleaseAsync(first, CancellationToken.None);
        Assert.Null(await other.Lock.TryAcquireAsync(second, CancellationToken.None));

        await stale.Lock.ReleaseAsync(first, CancellationToken.None);

        Assert.Equal(second, await stale.Lock.GetHolderAsync(CancellationToken.None));
        await other.Lock.ReleaseAsync(second, CancellationToken.None);
        Assert.Null(await other.Lock.GetHolderAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Incomplete_settings_are_refused_before_any_request_with_every_problem_named()
    {
        var options = new S3StateOptions("", "", "") { Endpoint = new Uri("ftp://example.test/"), AccessKey = "only-the-id" };

        var refused = await Assert.ThrowsAsync<StateException>(() => S3RemoteState.OpenAsync(options, CancellationToken.None));

        foreach (var named in new[] { "state.bucket", "state.key", "state.region", "state.endpoint", "state.secret_key" })
            Assert.Contains(named, refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, _fake.TotalCalls);
    }

    private static void AssertSecretAbsent(Exception failure, string secret)
    {
        Assert.DoesNotContain(secret, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, ((HearthException)failure).Hint ?? "", StringComparison.Ordinal);
        for (var e = failure; e is not null; e = e.InnerException)
            Assert.DoesNotContain(secret, e.Message, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
