using System.Text;
using Hearth.Storage.B2;
using Hearth.Testing.B2;

namespace Hearth.Storage.Tests.B2;

public sealed class B2ClientFilesTests : IDisposable
{
    private readonly FakeB2 _fake = new();
    private readonly string _bucketId;
    private readonly B2Client _client;

    public B2ClientFilesTests()
    {
        _bucketId = _fake.AddBucket("hearth-files");
        _client = B2TestConnections.Client(_fake);
    }

    private static CancellationToken Token => CancellationToken.None;

    [Fact]
    public async Task An_upload_returns_the_servers_version_with_its_SHA1_and_timestamp()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var version = await _client.UploadFileAsync(_bucketId, "home/state.json", "{}"u8.ToArray(), "application/json", Token);

        Assert.Equal("upload", version.Action);
        Assert.Equal("home/state.json", version.FileName);
        Assert.Equal(2, version.ContentLength);
        Assert.Equal("bf21a9e8fbc5a3846fb05b4fa0859e0917b2202f", version.ContentSha1);
        Assert.InRange(version.UploadTimestamp, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal("{}"u8.ToArray(), await _client.DownloadFileByIdAsync(version.FileId, Token));
    }

    [Theory]
    [InlineData("home/state.json")]
    [InlineData("with space/and+plus & ampersand")]
    [InlineData("ünïcødé/状態/état.json")]
    [InlineData("percent%20sign?query#hash")]
    public async Task File_names_arrive_as_written_whatever_characters_they_hold(string name)
    {
        var version = await _client.UploadFileAsync(_bucketId, name, "x"u8.ToArray(), "b2/x-auto", Token);

        Assert.Equal(name, version.FileName);
        Assert.Equal(name, Assert.Single(_fake.Versions("hearth-files")).FileName);
    }

    [Fact]
    public void File_names_are_percent_encoded_except_unreserved_characters_and_slashes()
    {
        Assert.Equal("a/b-c_d.e~f%20g%2Bh%26i%C3%BC", B2FileNames.Encode("a/b-c_d.e~f g+h&iü"));
    }

    [Fact]
    public async Task Versions_list_by_name_then_newest_first_with_hide_markers()
    {
        var first = await _client.UploadFileAsync(_bucketId, "b", "1"u8.ToArray(), "b2/x-auto", Token);
        var second = await _client.UploadFileAsync(_bucketId, "b", "2"u8.ToArray(), "b2/x-auto", Token);
        var other = await _client.UploadFileAsync(_bucketId, "a", "3"u8.ToArray(), "b2/x-auto", Token);
        var hidden = await _client.HideFileAsync(_bucketId, "b", Token);

        var page = await _client.ListFileVersionsAsync(_bucketId, null, null, 100, null, Token);

        Assert.Equal([other.FileId, hidden.FileId, second.FileId, first.FileId], page.Files.Select(f => f.FileId));
        Assert.Equal("hide", page.Files[1].Action);
        Assert.Equal(0, page.Files[1].ContentLength);
        Assert.Null(page.NextFileName);
        Assert.Null(page.NextFileId);
    }

    [Fact]
    public async Task A_listing_pages_through_nextFileName_and_nextFileId_within_one_name()
    {
        var uploaded = new List<string>();
        for (var i = 0; i < 25; i++)
            uploaded.Add((await _client.UploadFileAsync(_bucketId, "lock", Encoding.UTF8.GetBytes($"{i}"), "b2/x-auto", Token)).FileId);
        await _client.UploadFileAsync(_bucketId, "lock.other", "x"u8.ToArray(), "b2/x-auto", Token);
        _fake.ResetCalls();

        var versions = await _client.ListVersionsOfAsync(_bucketId, "lock", 7, Token);

        Assert.Equal(Enumerable.Reverse(uploaded), versions.Select(v => v.FileId));
        Assert.Equal(4, _fake.Calls("b2_list_file_versions"));
    }

    [Fact]
    public async Task A_page_asks_for_no_more_than_the_API_allows()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.ListFileVersionsAsync(_bucketId, null, null, 10_001, null, Token));
        using var http = new HttpClient(_fake, disposeHandler: false);
        var token = (await _client.AuthorizeAsync(Token)).AuthorizationToken;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{FakeB2.ApiUrl}/b2api/v3/b2_list_file_versions")
        {
            Content = new StringContent($$"""{"bucketId":"{{_bucketId}}","maxFileCount":10001}"""),
        };
        request.Headers.TryAddWithoutValidation("Authorization", token);

        using var response = await http.SendAsync(request, Token);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("\"code\":\"out_of_range\"", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_version_is_gone_and_deleting_it_again_is_not_an_error()
    {
        var older = await _client.UploadFileAsync(_bucketId, "f", "1"u8.ToArray(), "b2/x-auto", Token);
        var newer = await _client.UploadFileAsync(_bucketId, "f", "2"u8.ToArray(), "b2/x-auto", Token);

        Assert.True(await _client.DeleteFileVersionAsync("f", newer.FileId, Token));
        Assert.False(await _client.DeleteFileVersionAsync("f", newer.FileId, Token));

        Assert.Null(await _client.DownloadFileByIdAsync(newer.FileId, Token));
        Assert.Equal([older.FileId], (await _client.ListVersionsOfAsync(_bucketId, "f", 100, Token)).Select(v => v.FileId));
    }

    [Fact]
    public async Task Hiding_a_name_without_a_current_version_is_no_such_file()
    {
        await _client.UploadFileAsync(_bucketId, "f", "1"u8.ToArray(), "b2/x-auto", Token);
        await _client.HideFileAsync(_bucketId, "f", Token);

        var error = await Assert.ThrowsAsync<B2ApiException>(() => _client.HideFileAsync(_bucketId, "f", Token));

        Assert.Equal(400, error.Status);
        Assert.Equal("no_such_file", error.Code);
    }

    [Fact]
    public async Task A_hidden_version_still_downloads_by_id()
    {
        var version = await _client.UploadFileAsync(_bucketId, "f", "kept"u8.ToArray(), "b2/x-auto", Token);
        await _client.HideFileAsync(_bucketId, "f", Token);

        Assert.Equal("kept"u8.ToArray(), await _client.DownloadFileByIdAsync(version.FileId, Token));
    }

    public void Dispose()
    {
        _client.Dispose();
        _fake.Dispose();
    }
}
