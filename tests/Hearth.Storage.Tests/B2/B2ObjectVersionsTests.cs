using System.Text;
using Hearth.Storage.B2;
using Hearth.Testing.B2;

namespace Hearth.Storage.Tests.B2;

public sealed class B2ObjectVersionsTests : IDisposable
{
    private const string Bucket = "hearth-state";
    private const string LockName = "home/state.json.lock";

    private readonly FakeB2 _fake = new();
    private readonly B2Client _client;

    public B2ObjectVersionsTests()
    {
        _fake.AddBucket(Bucket);
        _client = B2TestConnections.Client(_fake);
    }

    private static CancellationToken Token => CancellationToken.None;

    [Fact]
    public async Task Put_versions_list_oldest_first_and_read_back()
    {
        var versions = B2TestConnections.Versions(_client, Bucket, LockName);

        var first = await versions.PutAsync("one"u8.ToArray(), Token);
        var second = await versions.PutAsync("two"u8.ToArray(), Token);
        var listed = await versions.ListAsync(Token);

        Assert.Equal([first, second], listed.Select(v => v.VersionId));
        Assert.True(listed[0].Committed <= listed[1].Committed);
        Assert.Equal("one", Encoding.UTF8.GetString((await versions.GetAsync(first, Token))!));
        Assert.Equal("two", Encoding.UTF8.GetString((await versions.GetAsync(second, Token))!));
    }

    [Fact]
    public async Task A_deleted_version_leaves_the_list_reads_as_null_and_deletes_again_quietly()
    {
        var versions = B2TestConnections.Versions(_client, Bucket, LockName);
        var first = await versions.PutAsync("one"u8.ToArray(), Token);
        var second = await versions.PutAsync("two"u8.ToArray(), Token);

        await versions.DeleteAsync(first, Token);
        await versions.DeleteAsync(first, Token);

        Assert.Equal([second], (await versions.ListAsync(Token)).Select(v => v.VersionId));
        Assert.Null(await versions.GetAsync(first, Token));
    }

    [Fact]
    public async Task Versions_uploaded_in_the_same_millisecond_list_in_upload_order()
    {
        var frozen = DateTimeOffset.UtcNow;
        _fake.Clock = () => frozen;
        var versions = B2TestConnections.Versions(_client, Bucket, LockName);

        var uploaded = new List<string>();
        for (var i = 0; i < 5; i++)
            uploaded.Add(await versions.PutAsync(Encoding.UTF8.GetBytes($"{i}"), Token));

        Assert.Equal(uploaded, (await versions.ListAsync(Token)).Select(v => v.VersionId));
    }

    [Fact]
    public async Task The_order_is_the_servers_upload_timestamp_even_when_its_clock_stepped_back()
    {
        var clock = DateTimeOffset.UtcNow;
        _fake.Clock = () => clock;
        var versions = B2TestConnections.Versions(_client, Bucket, LockName);
        var later = await versions.PutAsync("later"u8.ToArray(), Token);
        clock -= TimeSpan.FromSeconds(5);
        var earlier = await versions.PutAsync("earlier"u8.ToArray(), Token);

        Assert.Equal([earlier, later], (await versions.ListAsync(Token)).Select(v => v.VersionId));
    }

    [Fact]
    public async Task Hidden_versions_stay_live_and_hide_markers_are_not_listed()
    {
        var versions = B2TestConnections.Versions(_client, Bucket, LockName);
        var first = await versions.PutAsync("one"u8.ToArray(), Token);
        var bucketId = _fake.Buckets().Single().BucketId;
        await _client.HideFileAsync(bucketId, LockName, Token);
        var second = await versions.PutAsync("two"u8.ToArray(), Token);
        await _client.HideFileAsync(bucketId, LockName, Token);

        var listed = await versions.ListAsync(Token);

        Assert.Equal([first, second], listed.Select(v => v.VersionId));
        Assert.Equal(4, _fake.Versions(Bucket).Count);
    }

    [Fact]
    public async Task Other_names_sharing_the_prefix_are_not_versions_of_the_object()
    {
        var bucketId = _fake.Buckets().Single().BucketId;
        await _client.UploadFileAsync(bucketId, LockName + ".bak", "x"u8.ToArray(), "b2/x-auto", Token);
        await _client.UploadFileAsync(bucketId, "home/state.json", "x"u8.ToArray(), "b2/x-auto", Token);
        var versions = B2TestConnections.Versions(_client, Bucket, LockName);
        var mine = await versions.PutAsync("mine"u8.ToArray(), Token);

        Assert.Equal([mine], (await versions.ListAsync(Token)).Select(v => v.VersionId));
    }

    [Fact]
    public async Task A_listing_of_more_than_a_thousand_versions_pages_through_all_of_them()
    {
        var versions = B2TestConnections.Versions(_client, Bucket, LockName, pageSize: 100);
        var uploaded = new List<string>();
        for (var i = 0; i < 1_005; i++)
            uploaded.Add(await versions.PutAsync(Encoding.UTF8.GetBytes($"{i}"), Token));
        _fake.ResetCalls();

        var listed = await versions.ListAsync(Token);

        Assert.Equal(uploaded, listed.Select(v => v.VersionId));
        Assert.Equal(11, _fake.Calls("b2_list_file_versions"));
    }

    [Fact]
    public async Task A_key_restricted_to_the_bucket_finds_it_without_listing_buckets()
    {
        var key = _fake.AddKey(["listFiles", "readFiles", "writeFiles", "deleteFiles"], Bucket);
        using var restricted = B2TestConnections.Client(_fake, key);
        var versions = B2TestConnections.Versions(restricted, Bucket, LockName);

        var mine = await versions.PutAsync("mine"u8.ToArray(), Token);

        Assert.Equal([mine], (await versions.ListAsync(Token)).Select(v => v.VersionId));
        Assert.Equal(0, _fake.Calls("b2_list_buckets"));
    }

    public void Dispose()
    {
        _client.Dispose();
        _fake.Dispose();
    }
}
