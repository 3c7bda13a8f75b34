using Hearth.Storage.B2;
using Hearth.Testing.B2;

namespace Hearth.Storage.Tests.B2;

public sealed class B2ClientAuthorizationTests : IDisposable
{
    private readonly FakeB2 _fake = new();

    private static CancellationToken Token => CancellationToken.None;

    [Fact]
    public async Task The_client_authorises_once_and_reuses_the_token_for_every_call()
    {
        _fake.AddBucket("hearth-state");
        using var client = B2TestConnections.Client(_fake);

        var authorization = await client.AuthorizeAsync(Token);
        await client.ListBucketsAsync(null, null, Token);
        await client.ListBucketsAsync("hearth-state", null, Token);

        Assert.Equal(FakeB2.ApiUrl, authorization.Storage.ApiUrl);
        Assert.Equal(FakeB2.DownloadUrl, authorization.Storage.DownloadUrl);
        Assert.Equal(_fake.AccountId, authorization.AccountId);
        Assert.Contains("writeBuckets", authorization.Storage.Capabilities);
        Assert.Equal(1, _fake.Calls("b2_authorize_account"));
        Assert.Equal(2, _fake.Calls("b2_list_buckets"));
    }

    [Fact]
    public async Task A_key_restricted_to_a_bucket_learns_the_bucket_and_prefix_from_the_authorisation()
    {
        _fake.AddBucket("hearth-state");
        var key = _fake.AddKey(["listFiles", "readFiles"], "hearth-state", "home/");
        using var client = B2TestConnections.Client(_fake, key);

        var storage = (await client.AuthorizeAsync(Token)).Storage;

        Assert.Equal("hearth-state", storage.BucketName);
        Assert.Equal(_fake.Buckets().Single().BucketId, storage.BucketId);
        Assert.Equal("home/", storage.NamePrefix);
        Assert.Equal(["listFiles", "readFiles"], storage.Capabilities);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_as_unauthorized_without_retrying()
    {
        using var client = new B2Client(_fake, B2TestConnections.Settings(_fake.MasterKey with { ApplicationKey = "K005wrong" }), new RecordingDelays());

        var error = await Assert.ThrowsAsync<B2ApiException>(() => client.AuthorizeAsync(Token));

        Assert.Equal(401, error.Status);
        Assert.Equal("unauthorized", error.Code);
        Assert.Equal("b2_authorize_account", error.Api);
        Assert.NotNull(error.Hint);
        Assert.Equal(1, _fake.Calls("b2_authorize_account"));
    }

    [Fact]
    public async Task An_expired_token_is_renewed_once_and_the_call_sent_again()
    {
        using var client = B2TestConnections.Client(_fake);
        await client.ListBucketsAsync(null, null, Token);

        _fake.ExpireAuthorizations();
        await client.ListBucketsAsync(null, null, Token);
        await client.ListBucketsAsync(null, null, Token);

        Assert.Equal(2, _fake.Calls("b2_authorize_account"));
        Assert.Equal(4, _fake.Calls("b2_list_buckets"));
    }

    [Fact]
    public async Task A_token_refused_again_after_renewal_is_reported_not_renewed_a_second_time()
    {
        using var client = B2TestConnections.Client(_fake);
        _fake.FailNext(FakeB2Fault.ExpiredAuthToken, 5, "b2_list_buckets");

        var error = await Assert.ThrowsAsync<B2ApiException>(() => client.ListBucketsAsync(null, null, Token));

        Assert.Equal(401, error.Status);
        Assert.Equal("expired_auth_token", error.Code);
        Assert.Equal(2, _fake.Calls("b2_authorize_account"));
        Assert.Equal(2, _fake.Calls("b2_list_buckets"));
    }

    [Fact]
    public async Task A_deleted_keys_unknown_token_leads_to_one_authorisation_which_is_refused()
    {
        using var client = B2TestConnections.Client(_fake);
        await client.ListBucketsAsync(null, null, Token);
        var deleted = _fake.AddKey(["listBuckets"]);
        using var other = B2TestConnections.Client(_fake, deleted);
        await other.ListBucketsAsync(null, null, Token);

        await client.DeleteKeyAsync(deleted.ApplicationKeyId, Token);
        var error = await Assert.ThrowsAsync<B2ApiException>(() => other.ListBucketsAsync(null, null, Token));

        // The key is gone: its token is unknown (bad_auth_token), and authorising again is refused outright.
        Assert.Equal("unauthorized", error.Code);
        Assert.Equal("b2_authorize_account", error.Api);
    }

    [Theory]
    [InlineData("v2", "allowed")]
    [InlineData("v3", "apiInfo")]
    [InlineData("v4", "apiInfo")]
    public async Task The_fake_answers_authorisation_in_the_shape_of_the_version_asked_for(string version, string field)
    {
        using var http = new HttpClient(_fake, disposeHandler: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{FakeB2.BaseUrl}/b2api/{version}/b2_authorize_account");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{_fake.MasterKey.ApplicationKeyId}:{_fake.MasterKey.ApplicationKey}")));

        using var response = await http.SendAsync(request, Token);
        var json = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!.AsObject();

        Assert.True(json.ContainsKey(field));
        Assert.Equal(version == "v4", json["apiInfo"]?["storageApi"]?.AsObject().ContainsKey("allowed") ?? false);
    }

    public void Dispose() => _fake.Dispose();
}
