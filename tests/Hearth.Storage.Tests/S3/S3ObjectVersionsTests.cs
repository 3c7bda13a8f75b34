using Amazon.S3.Model;
using Hearth.Storage.S3;
using Hearth.Testing.S3;

namespace Hearth.Storage.Tests.S3;

public sealed class S3ObjectVersionsTests : IAsyncLifetime
{
    private const string Bucket = "versions";
    private FakeS3Server _fake = null!;

    private static CancellationToken Token => CancellationToken.None;

    public async Task InitializeAsync()
    {
        _fake = await FakeS3Server.StartAsync();
        _fake.ConditionalWrites = FakeS3ConditionalWrites.NotImplemented;
        _fake.CreateBucket(Bucket, versioned: true);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Versions_with_equal_timestamps_are_listed_in_the_order_the_store_committed_them()
    {
        _fake.TimestampResolution = TimeSpan.FromDays(1);
        using var state = Connect(out var options);
        var versions = new S3ObjectVersions(state.Client, options, options.Key + ".lock");

        var uploaded = new List<string>();
        for (var i = 0; i < 5; i++)
            uploaded.Add(await versions.PutAsync([(byte)i], Token));
        var listed = await versions.ListAsync(Token);

        Assert.Equal(uploaded, listed.Select(v => v.VersionId));
        Assert.Single(listed.Select(v => v.Committed).Distinct());
    }

    [Fact]
    public async Task Listing_follows_every_page_and_keeps_only_live_versions_of_the_exact_key()
    {
        _fake.MaxKeysPerPage = 2;
        using var state = Connect(out var options);
        var client = state.Client;
        var key = options.Key + ".lock";
        var versions = new S3ObjectVersions(client, options, key);
        var ours = new List<string>();
        for (var i = 0; i < 3; i++)
            ours.Add(await versions.PutAsync([(byte)i], Token));
        await new S3ObjectVersions(client, options, key + "2").PutAsync([9], Token);
        await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = key }, Token); // a delete marker
        ours.Add(await versions.PutAsync([3], Token));

        var listed = await versions.ListAsync(Token);

        Assert.Equal(ours, listed.Select(v => v.VersionId));
        Assert.True(_fake.Calls("GET versions") >= 3);
    }

    [Fact]
    public async Task Deleting_a_version_removes_it_without_leaving_a_delete_marker_and_reading_it_then_gives_nothing()
    {
        using var state = Connect(out var options);
        var key = options.Key + ".lock";
        var versions = new S3ObjectVersions(state.Client, options, key);
        var versionId = await versions.PutAsync([1], Token);

        await versions.DeleteAsync(versionId, Token);
        await versions.DeleteAsync(versionId, Token);

        Assert.Null(await versions.GetAsync(versionId, Token));
        Assert.Empty(_fake.Versions(Bucket, key));
    }

    private S3RemoteState Connect(out S3StateOptions options)
    {
        options = S3TestOptions.OnFake(_fake, Bucket, S3LockMode.Versioned);
        return S3RemoteState.Connect(options, S3LockMode.Versioned);
    }
}
