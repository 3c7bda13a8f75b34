using Hearth.Storage.B2;
using Hearth.Testing.B2;

namespace Hearth.Storage.Tests.B2;

public sealed class B2ClientRetryTests : IDisposable
{
    private readonly FakeB2 _fake = new();
    private readonly RecordingDelays _delays = new();

    private static CancellationToken Token => CancellationToken.None;

    [Fact]
    public async Task A_rate_limited_call_is_sent_again_after_the_servers_Retry_After()
    {
        using var client = B2TestConnections.Client(_fake, delays: _delays);
        await client.AuthorizeAsync(Token);
        _fake.RetryAfterSeconds = 7;
        _fake.FailNext(FakeB2Fault.RateLimited, 2, "b2_list_buckets");

        await client.ListBucketsAsync(null, null, Token);

        Assert.Equal(3, _fake.Calls("b2_list_buckets"));
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], _delays.Delays);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_maximum_delay_waits_the_maximum()
    {
        using var client = B2TestConnections.Client(_fake, delays: _delays);
        await client.AuthorizeAsync(Token);
        _fake.RetryAfterSeconds = 3600;
        _fake.FailNext(FakeB2Fault.ServiceUnavailable, 1, "b2_list_buckets");

        await client.ListBucketsAsync(null, null, Token);

        Assert.Equal([TimeSpan.FromSeconds(30)], _delays.Delays);
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_last_answer_is_reported()
    {
        using var client = B2TestConnections.Client(_fake, delays: _delays, retries: 3);
        await client.AuthorizeAsync(Token);
        _fake.FailNext(FakeB2Fault.ServiceUnavailable, 10, "b2_list_buckets");

        var error = await Assert.ThrowsAsync<B2ApiException>(() => client.ListBucketsAsync(null, null, Token));

        Assert.Equal(503, error.Status);
        Assert.Equal("service_unavailable", error.Code);
        Assert.Contains("4 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, _fake.Calls("b2_list_buckets"));
    }

    [Fact]
    public async Task Timeouts_and_server_errors_are_retried_with_backoff()
    {
        using var client = B2TestConnections.Client(_fake, delays: _delays);
        await client.AuthorizeAsync(Token);
        _fake.FailNext(FakeB2Fault.TimeoutBeforeCommit, 1, "b2_list_buckets");
        _fake.FailNext(FakeB2Fault.InternalError, 1, "b2_list_buckets");

        await client.ListBucketsAsync(null, null, Token);

        Assert.Equal(3, _fake.Calls("b2_list_buckets"));
        Assert.Equal(2, _delays.Delays.Count);
        Assert.All(_delays.Delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Authorisation_itself_is_retried_when_B2_is_busy()
    {
        using var client = B2TestConnections.Client(_fake, delays: _delays);
        _fake.FailNext(FakeB2Fault.ServiceUnavailable, 1, "b2_authorize_account");

        await client.ListBucketsAsync(null, null, Token);

        Assert.Equal(2, _fake.Calls("b2_authorize_account"));
        Assert.Equal(1, _fake.Calls("b2_list_buckets"));
    }

    [Fact]
    public async Task An_upload_URL_is_reused_by_the_next_upload()
    {
        var bucketId = _fake.AddBucket("hearth-state");
        using var client = B2TestConnections.Client(_fake, delays: _delays);

        await client.UploadFileAsync(bucketId, "a", "1"u8.ToArray(), "application/json", Token);
        await client.UploadFileAsync(bucketId, "b", "2"u8.ToArray(), "application/json", Token);

        Assert.Equal(1, _fake.Calls("b2_get_upload_url"));
        Assert.Equal(2, _fake.Calls("b2_upload_file"));
    }

    [Theory]
    [InlineData(FakeB2Fault.ServiceUnavailable)]
    [InlineData(FakeB2Fault.TimeoutBeforeCommit)]
    public async Task An_upload_refused_by_a_busy_pod_gets_a_fresh_upload_URL(FakeB2Fault fault)
    {
        var bucketId = _fake.AddBucket("hearth-state");
        using var client = B2TestConnections.Client(_fake, delays: _delays);
        await client.UploadFileAsync(bucketId, "a", "1"u8.ToArray(), "application/json", Token);
        _fake.FailNext(fault, 1, "b2_upload_file");

        var version = await client.UploadFileAsync(bucketId, "a", "2"u8.ToArray(), "application/json", Token);

        Assert.Equal(2, _fake.Calls("b2_get_upload_url"));
        Assert.Equal(3, _fake.Calls("b2_upload_file"));
        Assert.Equal("2"u8.ToArray(), _fake.Content(version.FileId));
    }

    [Fact]
    public async Task An_upload_stored_before_its_answer_was_lost_is_found_not_stored_twice()
    {
        var bucketId = _fake.AddBucket("hearth-state");
        using var client = B2TestConnections.Client(_fake, delays: _delays);
        _fake.FailNext(FakeB2Fault.TimeoutAfterCommit, 1, "b2_upload_file");

        var version = await client.UploadFileAsync(bucketId, "home/state.json.lock", "mine"u8.ToArray(), "application/json", Token);

        var stored = Assert.Single(_fake.Versions("hearth-state"));
        Assert.Equal(stored.FileId, version.FileId);
        Assert.Equal(1, _fake.Calls("b2_upload_file"));
        Assert.Equal(1, _fake.Calls("b2_list_file_versions"));
    }

    [Fact]
    public async Task An_upload_lost_before_it_was_stored_is_sent_again_after_looking_for_it()
    {
        var bucketId = _fake.AddBucket("hearth-state");
        using var client = B2TestConnections.Client(_fake, delays: _delays);
        _fake.FailNext(FakeB2Fault.InternalError, 1, "b2_upload_file");

        await client.UploadFileAsync(bucketId, "home/state.json.lock", "mine"u8.ToArray(), "application/json", Token);

        Assert.Single(_fake.Versions("hearth-state"));
        Assert.Equal(2, _fake.Calls("b2_upload_file"));
        Assert.Equal(1, _fake.Calls("b2_list_file_versions"));
    }

    [Fact]
    public async Task An_expired_upload_token_gets_a_fresh_upload_URL_without_authorising_again()
    {
        var bucketId = _fake.AddBucket("hearth-state");
        using var client = B2TestConnections.Client(_fake, delays: _delays);
        await client.UploadFileAsync(bucketId, "a", "1"u8.ToArray(), "application/json", Token);
        _fake.ExpireUploadTokens();

        await client.UploadFileAsync(bucketId, "a", "2"u8.ToArray(), "application/json", Token);

        Assert.Equal(1, _fake.Calls("b2_authorize_account"));
        Assert.Equal(2, _fake.Calls("b2_get_upload_url"));
        Assert.Equal(2, _fake.Versions("hearth-state").Count);
    }

    [Fact]
    public async Task An_expired_account_token_while_getting_an_upload_URL_is_renewed()
    {
        var bucketId = _fake.AddBucket("hearth-state");
        using var client = B2TestConnections.Client(_fake, delays: _delays);
        await client.AuthorizeAsync(Token);
        _fake.ExpireAuthorizations();

        await client.UploadFileAsync(bucketId, "a", "1"u8.ToArray(), "application/json", Token);

        Assert.Equal(2, _fake.Calls("b2_authorize_account"));
        Assert.Equal(2, _fake.Calls("b2_get_upload_url"));
    }

    public void Dispose() => _fake.Dispose();
}
