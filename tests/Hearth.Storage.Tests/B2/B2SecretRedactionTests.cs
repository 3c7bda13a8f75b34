using Hearth.Core.Diagnostics;
using Hearth.Storage.B2;
using Hearth.Testing.B2;

namespace Hearth.Storage.Tests.B2;

public sealed class B2SecretRedactionTests : IDisposable
{
    private readonly FakeB2 _fake = new();

    private static CancellationToken Token => CancellationToken.None;

    [Fact]
    public async Task No_error_holds_the_application_key_or_any_token()
    {
        var bucketId = _fake.AddBucket("hearth-state");
        var key = _fake.AddKey(["listBuckets", "listFiles", "writeFiles"], "hearth-state", "home/");
        var errors = new List<Exception>();
        using (var client = B2TestConnections.Client(_fake, key))
        {
            await client.UploadFileAsync(bucketId, "home/a", "x"u8.ToArray(), "b2/x-auto", Token);
            errors.Add(await Assert.ThrowsAsync<B2ApiException>(() => client.CreateBucketAsync(new B2NewBucket("another-bucket", "allPrivate"), Token)));
            errors.Add(await Assert.ThrowsAsync<B2ApiException>(() => client.UploadFileAsync(bucketId, "work/a", "x"u8.ToArray(), "b2/x-auto", Token)));
            errors.Add(await Assert.ThrowsAsync<B2ApiException>(() => client.HideFileAsync(bucketId, "work/a", Token)));
            _fake.FailNext(FakeB2Fault.ExpiredAuthToken, 2, "b2_list_buckets");
            errors.Add(await Assert.ThrowsAsync<B2ApiException>(() => client.ListBucketsAsync("hearth-state", null, Token)));
            _fake.FailNext(FakeB2Fault.RateLimited, 10, "b2_upload_file");
            errors.Add(await Assert.ThrowsAsync<B2ApiException>(() => client.UploadFileAsync(bucketId, "home/b", "x"u8.ToArray(), "b2/x-auto", Token)));
        }
        using (var wrong = new B2Client(_fake, B2TestConnections.Settings(key with { ApplicationKey = key.ApplicationKey + "x" }), new RecordingDelays()))
            errors.Add(await Assert.ThrowsAsync<B2ApiException>(() => wrong.AuthorizeAsync(Token)));
        using (var store = B2TestConnections.Store(_fake, "somebody-elses", "home/state.json", key))
            errors.Add(await Assert.ThrowsAsync<StateException>(() => store.ReadAsync(Token)));

        AssertNoSecretIn(errors, key);
    }

    [Theory]
    [InlineData("b2_authorize_account")]
    [InlineData("b2_list_buckets")]
    [InlineData("b2_get_upload_url")]
    [InlineData("b2_upload_file")]
    public async Task A_server_message_repeating_a_secret_is_redacted(string api)
    {
        var bucketId = _fake.AddBucket("hearth-state");
        using var client = new B2Client(new EchoingB2(_fake, api), B2TestConnections.Settings(_fake.MasterKey), new RecordingDelays());

        var error = await Assert.ThrowsAsync<B2ApiException>(async () =>
        {
            await client.ListBucketsAsync(null, null, Token);
            await client.UploadFileAsync(bucketId, "f", "x"u8.ToArray(), "b2/x-auto", Token);
        });

        Assert.Contains("(sensitive)", error.Message, StringComparison.Ordinal);
        AssertNoSecretIn([error], _fake.MasterKey);
    }

    [Fact]
    public void Options_settings_and_answers_never_print_a_secret()
    {
        var key = _fake.MasterKey;
        string[] printed =
        [
            new B2StateOptions("hearth-state", "home/state.json", key.ApplicationKeyId, key.ApplicationKey).ToString(),
            B2TestConnections.Settings(key).ToString(),
            new B2Authorization("acc", "4_token-secret", new B2ApiInfo(new B2StorageApi("https://api", "https://f", null, 1, 1, null, null, [], null)), null).ToString(),
            new B2UploadUrl("bucket", "https://pod", "2_upload-secret").ToString(),
            new B2Key("acc", "005id", "name", ["listFiles"], key.ApplicationKey).ToString(),
        ];

        Assert.All(printed, text =>
        {
            Assert.DoesNotContain(key.ApplicationKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        });
    }

    private void AssertNoSecretIn(IEnumerable<Exception> errors, FakeB2Key key)
    {
        var secrets = _fake.IssuedTokens().Append(key.ApplicationKey)
            .Append(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{key.ApplicationKeyId}:{key.ApplicationKey}"))).ToList();
        foreach (var error in errors)
        {
            for (var e = error; e is not null; e = e.InnerException)
            {
                var text = $"{e.Message}\n{(e as HearthException)?.Hint}\n{e}";
                Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
            }
        }
    }

    public void Dispose() => _fake.Dispose();
}
