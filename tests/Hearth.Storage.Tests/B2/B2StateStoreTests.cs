using System.Text;
using Hearth.Core.Diagnostics;
using Hearth.Core.State.Remote;
using Hearth.Storage.B2;
using Hearth.Testing.B2;

namespace Hearth.Storage.Tests.B2;

public sealed class B2StateStoreTests : IDisposable
{
    private const string Bucket = "hearth-state";
    private const string Key = "home/state.json";

    private readonly FakeB2 _fake = new();

    public B2StateStoreTests() => _fake.AddBucket(Bucket);

    private static CancellationToken Token => CancellationToken.None;

    [Fact]
    public async Task A_write_is_a_new_version_whose_file_id_is_the_version_read_back()
    {
        using var store = B2TestConnections.Store(_fake, Bucket, Key);

        var first = await store.WriteAsync("one"u8.ToArray(), null, Token);
        var second = await store.WriteAsync("two"u8.ToArray(), first, Token);
        var read = await store.ReadAsync(Token);

        Assert.Equal(second, read!.Version);
        Assert.Equal("two", Encoding.UTF8.GetString(read.Content));
        Assert.Equal([second, first], _fake.Versions(Bucket).Select(v => v.FileId));
        Assert.Equal("b2 bucket hearth-state, key home/state.json", store.Location);
    }

    [Fact]
    public async Task A_write_naming_another_version_than_the_newest_is_refused_before_uploading()
    {
        using var mine = B2TestConnections.Store(_fake, Bucket, Key);
        using var theirs = B2TestConnections.Store(_fake, Bucket, Key);
        var read = await mine.WriteAsync("one"u8.ToArray(), null, Token);
        var newer = await theirs.WriteAsync("newer"u8.ToArray(), read, Token);
        _fake.ResetCalls();

        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => mine.WriteAsync("stale"u8.ToArray(), read, Token));

        Assert.Equal(read, conflict.ExpectedVersion);
        Assert.Equal(newer, conflict.StoredVersion);
        Assert.Equal(0, _fake.Calls("b2_upload_file"));
        Assert.Equal("newer", Encoding.UTF8.GetString((await mine.ReadAsync(Token))!.Content));
    }

    [Fact]
    public async Task Writes_keep_the_newest_versions_and_delete_older_ones()
    {
        using var store = B2TestConnections.Store(_fake, Bucket, Key, keepVersions: 3);
        string? version = null;
        var written = new List<string>();
        for (var i = 0; i < 6; i++)
            written.Add(version = await store.WriteAsync(Encoding.UTF8.GetBytes($"{i}"), version, Token));

        Assert.Equal(Enumerable.Reverse(written).Take(3), _fake.Versions(Bucket).Select(v => v.FileId));
    }

    [Fact]
    public async Task The_default_keeps_ten_versions()
    {
        using var store = B2TestConnections.Store(_fake, Bucket, Key);
        string? version = null;
        for (var i = 0; i < 14; i++)
            version = await store.WriteAsync(Encoding.UTF8.GetBytes($"{i}"), version, Token);

        Assert.Equal(10, _fake.Versions(Bucket).Count);
    }

    [Fact]
    public async Task A_key_that_cannot_delete_still_writes_and_leaves_old_versions()
    {
        var key = _fake.AddKey(["listFiles", "readFiles", "writeFiles"], Bucket);
        using var store = B2TestConnections.Store(_fake, Bucket, Key, key, keepVersions: 1);

        var first = await store.WriteAsync("one"u8.ToArray(), null, Token);
        var second = await store.WriteAsync("two"u8.ToArray(), first, Token);

        Assert.Equal(second, (await store.ReadAsync(Token))!.Version);
        Assert.Equal(2, _fake.Versions(Bucket).Count);
    }

    [Fact]
    public async Task A_hidden_state_reads_as_nothing_stored()
    {
        using var store = B2TestConnections.Store(_fake, Bucket, Key);
        await store.WriteAsync("one"u8.ToArray(), null, Token);
        using var client = B2TestConnections.Client(_fake);
        await client.HideFileAsync(_fake.Buckets().Single().BucketId, Key, Token);

        Assert.Null(await store.ReadAsync(Token));
        Assert.NotNull(await store.WriteAsync("again"u8.ToArray(), null, Token));
    }

    [Fact]
    public async Task An_unfinished_large_file_over_the_state_is_neither_the_state_nor_its_absence()
    {
        using var store = B2TestConnections.Store(_fake, Bucket, Key);
        var written = await store.WriteAsync("one"u8.ToArray(), null, Token);
        _fake.StartLargeFile(Bucket, Key);

        Assert.Equal(written, (await store.ReadAsync(Token))!.Version);
        Assert.NotNull(await store.WriteAsync("two"u8.ToArray(), written, Token));
    }

    [Fact]
    public async Task The_lock_file_is_not_mistaken_for_the_state()
    {
        using var store = B2TestConnections.Store(_fake, Bucket, Key);
        await store.LockVersions.PutAsync("lock"u8.ToArray(), Token);

        Assert.Null(await store.ReadAsync(Token));
        var written = await store.WriteAsync("state"u8.ToArray(), null, Token);
        Assert.Equal(written, (await store.ReadAsync(Token))!.Version);
        Assert.Single(await store.LockVersions.ListAsync(Token));
    }

    [Fact]
    public async Task A_read_and_a_write_cost_a_few_calls_after_the_first()
    {
        using var store = B2TestConnections.Store(_fake, Bucket, Key);
        var version = await store.WriteAsync("one"u8.ToArray(), null, Token);
        _fake.ResetCalls();

        await store.ReadAsync(Token);
        await store.WriteAsync("two"u8.ToArray(), version, Token);

        Assert.Equal(new Dictionary<string, int>
        {
            ["b2_list_file_versions"] = 2,
            ["b2_download_file_by_id"] = 1,
            ["b2_upload_file"] = 1,
        }, _fake.CallsByApi.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary());
    }

    [Fact]
    public async Task A_missing_bucket_is_a_state_error_that_says_what_to_do()
    {
        using var store = B2TestConnections.Store(_fake, "no-such-bucket", Key);

        var error = await Assert.ThrowsAsync<StateException>(() => store.ReadAsync(Token));

        Assert.Contains("no-such-bucket", error.Message, StringComparison.Ordinal);
        Assert.Contains("create the bucket", error.Hint, StringComparison.Ordinal);
        Assert.IsType<B2ApiException>(error.InnerException);
    }

    [Fact]
    public async Task A_key_without_read_access_is_a_state_error_naming_the_capability_problem()
    {
        var key = _fake.AddKey(["listBuckets", "listFiles"], Bucket);
        using var store = B2TestConnections.Store(_fake, Bucket, Key);
        await store.WriteAsync("one"u8.ToArray(), null, Token);
        using var readOnly = B2TestConnections.Store(_fake, Bucket, Key, key);

        var error = await Assert.ThrowsAsync<StateException>(() => readOnly.ReadAsync(Token));

        Assert.Contains("unauthorized", error.Message, StringComparison.Ordinal);
        Assert.Contains("capability", error.Hint, StringComparison.Ordinal);
    }

    public void Dispose() => _fake.Dispose();
}
