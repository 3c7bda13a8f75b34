using Hearth.Storage.B2;
using Hearth.Testing.B2;

namespace Hearth.Storage.Tests.B2;

public sealed class B2ClientErrorTests : IDisposable
{
    private readonly FakeB2 _fake = new();

    private static CancellationToken Token => CancellationToken.None;

    [Fact]
    public async Task A_key_without_writeBuckets_gets_unauthorized_on_create_bucket()
    {
        var key = _fake.AddKey(["listBuckets", "readFiles"]);
        using var client = B2TestConnections.Client(_fake, key);

        var error = await Assert.ThrowsAsync<B2ApiException>(() => client.CreateBucketAsync(new B2NewBucket("hearth-state", "allPrivate"), Token));

        Assert.Equal(401, error.Status);
        Assert.Equal("unauthorized", error.Code);
        Assert.Equal("b2_create_bucket", error.Api);
        Assert.Contains("capability", error.Hint, StringComparison.Ordinal);
        Assert.Empty(_fake.Buckets());
    }

    [Fact]
    public async Task A_key_restricted_to_one_bucket_cannot_touch_another()
    {
        _fake.AddBucket("hearth-state");
        var otherId = _fake.AddBucket("somebody-else");
        var key = _fake.AddKey(["listBuckets", "listFiles", "writeFiles"], "hearth-state");
        using var client = B2TestConnections.Client(_fake, key);

        var listing = await Assert.ThrowsAsync<B2ApiException>(() => client.ListBucketsAsync(null, null, Token));
        var upload = await Assert.ThrowsAsync<B2ApiException>(() => client.GetUploadUrlAsync(otherId, Token));

        Assert.Equal(("unauthorized", 401), (listing.Code, listing.Status));
        Assert.Equal(("unauthorized", 401), (upload.Code, upload.Status));
        Assert.Equal("hearth-state", Assert.Single(await client.ListBucketsAsync("hearth-state", null, Token)).BucketName);
    }

    [Fact]
    public async Task A_key_restricted_to_a_name_prefix_cannot_write_or_list_outside_it()
    {
        var bucketId = _fake.AddBucket("hearth-state");
        var key = _fake.AddKey(["listFiles", "writeFiles"], "hearth-state", "home/");
        using var client = B2TestConnections.Client(_fake, key);

        await client.UploadFileAsync(bucketId, "home/state.json", "{}"u8.ToArray(), "application/json", Token);
        var write = await Assert.ThrowsAsync<B2ApiException>(() => client.UploadFileAsync(bucketId, "work/state.json", "{}"u8.ToArray(), "application/json", Token));
        var list = await Assert.ThrowsAsync<B2ApiException>(() => client.ListFileVersionsAsync(bucketId, null, null, 10, "work/", Token));

        Assert.Equal("unauthorized", write.Code);
        Assert.Equal("unauthorized", list.Code);
    }

    [Fact]
    public async Task Bucket_errors_carry_the_spec_codes()
    {
        using var client = B2TestConnections.Client(_fake);
        var bucket = await client.CreateBucketAsync(new B2NewBucket("hearth-state", "allPrivate"), Token);
        await client.UploadFileAsync(bucket.BucketId, "f", "x"u8.ToArray(), "b2/x-auto", Token);

        var duplicate = await Assert.ThrowsAsync<B2ApiException>(() => client.CreateBucketAsync(new B2NewBucket("hearth-state", "allPrivate"), Token));
        var badName = await Assert.ThrowsAsync<B2ApiException>(() => client.CreateBucketAsync(new B2NewBucket("b2-state", "allPrivate"), Token));
        var overlapping = await Assert.ThrowsAsync<B2ApiException>(() => client.CreateBucketAsync(
            new B2NewBucket("photo-bucket", "allPrivate", LifecycleRules: [new("photos/", null, 30), new("photos/kittens/", null, 1)]), Token));
        var notEmpty = await Assert.ThrowsAsync<B2ApiException>(() => client.DeleteBucketAsync(bucket.BucketId, Token));
        var unknown = await Assert.ThrowsAsync<B2ApiException>(() => client.DeleteBucketAsync("no-such-bucket-id", Token));

        Assert.Equal((400, "duplicate_bucket_name"), (duplicate.Status, duplicate.Code));
        Assert.Equal((400, "bad_json"), (badName.Status, badName.Code));
        Assert.Equal((400, "bad_request"), (overlapping.Status, overlapping.Code));
        Assert.Equal((400, "cannot_delete_non_empty_bucket"), (notEmpty.Status, notEmpty.Code));
        Assert.Equal((400, "bad_bucket_id"), (unknown.Status, unknown.Code));
    }

    [Fact]
    public async Task An_update_naming_a_stale_revision_is_a_conflict()
    {
        using var client = B2TestConnections.Client(_fake);
        var bucket = await client.CreateBucketAsync(new B2NewBucket("dovecot-backup", "allPrivate"), Token);
        var rules = new List<B2LifecycleRule> { new("", null, 30) };

        var updated = await client.UpdateBucketAsync(bucket.BucketId, new B2BucketChanges(LifecycleRules: rules, IfRevisionIs: bucket.Revision), Token);
        var stale = await Assert.ThrowsAsync<B2ApiException>(() =>
            client.UpdateBucketAsync(bucket.BucketId, new B2BucketChanges(BucketType: "allPublic", IfRevisionIs: bucket.Revision), Token));

        Assert.Equal(bucket.Revision + 1, updated.Revision);
        Assert.Equal(rules, updated.LifecycleRules);
        Assert.Equal((409, "conflict"), (stale.Status, stale.Code));
        Assert.Equal("allPrivate", Assert.Single(await client.ListBucketsAsync("dovecot-backup", null, Token)).BucketType);
    }

    [Fact]
    public async Task File_lock_needs_writeBucketRetentions_and_once_on_never_goes_off()
    {
        var key = _fake.AddKey(["listBuckets", "writeBuckets"]);
        using var limited = B2TestConnections.Client(_fake, key);
        using var client = B2TestConnections.Client(_fake);

        var refused = await Assert.ThrowsAsync<B2ApiException>(() => limited.CreateBucketAsync(new B2NewBucket("locked-bucket", "allPrivate", FileLockEnabled: true), Token));
        var bucket = await client.CreateBucketAsync(new B2NewBucket("locked-bucket", "allPrivate", FileLockEnabled: true), Token);
        var off = await Assert.ThrowsAsync<B2ApiException>(() => client.UpdateBucketAsync(bucket.BucketId, new B2BucketChanges(FileLockEnabled: false), Token));

        Assert.Equal((401, "unauthorized"), (refused.Status, refused.Code));
        Assert.True(bucket.FileLockConfiguration!.Value.GetProperty("value").GetProperty("isFileLockEnabled").GetBoolean());
        Assert.Equal((400, "bad_request"), (off.Status, off.Code));
        Assert.Equal(1, Assert.Single(await client.ListBucketsAsync("locked-bucket", null, Token)).Revision);
    }

    [Fact]
    public async Task An_emptied_bucket_can_be_deleted()
    {
        using var client = B2TestConnections.Client(_fake);
        var bucket = await client.CreateBucketAsync(new B2NewBucket("short-lived", "allPublic"), Token);
        var version = await client.UploadFileAsync(bucket.BucketId, "f", "x"u8.ToArray(), "b2/x-auto", Token);
        var marker = await client.HideFileAsync(bucket.BucketId, "f", Token);
        await client.DeleteFileVersionAsync("f", version.FileId, Token);
        await Assert.ThrowsAsync<B2ApiException>(() => client.DeleteBucketAsync(bucket.BucketId, Token));
        await client.DeleteFileVersionAsync("f", marker.FileId, Token);

        var deleted = await client.DeleteBucketAsync(bucket.BucketId, Token);

        Assert.Equal("short-lived", deleted.BucketName);
        Assert.Empty(await client.ListBucketsAsync(null, null, Token));
    }

    [Fact]
    public async Task A_created_key_carries_its_secret_once_and_lists_without_it_page_after_page()
    {
        using var client = B2TestConnections.Client(_fake);
        var bucket = await client.CreateBucketAsync(new B2NewBucket("dovecot-backup", "allPrivate"), Token);

        var created = await client.CreateKeyAsync(new B2NewKey("dovecot", ["listBuckets", "listFiles", "readFiles", "writeFiles", "deleteFiles"], BucketId: bucket.BucketId), Token);
        for (var i = 0; i < B2Client.KeyPageSize + 5; i++)
            _fake.AddKey(["listFiles"], keyName: $"filler-{i}");
        _fake.ResetCalls();
        var listed = await client.ListKeysAsync(Token);

        Assert.NotNull(created.ApplicationKey);
        Assert.DoesNotContain(created.ApplicationKey, created.ToString(), StringComparison.Ordinal);
        Assert.Equal(B2Client.KeyPageSize + 7, listed.Count);
        Assert.All(listed, k => Assert.Null(k.ApplicationKey));
        Assert.Equal(bucket.BucketId, listed.Single(k => k.ApplicationKeyId == created.ApplicationKeyId).BucketId);
        Assert.Equal(2, _fake.Calls("b2_list_keys"));

        await client.DeleteKeyAsync(created.ApplicationKeyId, Token);
        var again = await Assert.ThrowsAsync<B2ApiException>(() => client.DeleteKeyAsync(created.ApplicationKeyId, Token));
        Assert.Equal((400, "bad_request"), (again.Status, again.Code));
    }

    [Fact]
    public async Task Unknown_capabilities_and_durations_out_of_range_are_refused_when_creating_a_key()
    {
        using var client = B2TestConnections.Client(_fake);

        var capability = await Assert.ThrowsAsync<B2ApiException>(() => client.CreateKeyAsync(new B2NewKey("k", ["writeEverything"]), Token));
        var duration = await Assert.ThrowsAsync<B2ApiException>(() => client.CreateKeyAsync(new B2NewKey("k", ["listFiles"], 86_400_001), Token));

        Assert.Equal((400, "bad_request"), (capability.Status, capability.Code));
        Assert.Equal((400, "out_of_range"), (duration.Status, duration.Code));
    }

    public void Dispose() => _fake.Dispose();
}
