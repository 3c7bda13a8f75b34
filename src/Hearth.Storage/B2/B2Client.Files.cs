using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Hearth.Storage.B2;

internal sealed partial class B2Client
{
    /// <summary>Most versions one <c>b2_list_file_versions</c> call may ask for.</summary>
    public const int MaxFileCount = 10_000;

    /// <summary>The file info entry (<c>X-Bz-Info-…</c>) that tags each upload, so a retried upload can find an earlier attempt that went through.</summary>
    public const string UploadIdInfo = "hearth-upload-id";

    /// <summary>
    /// Uploads <paramref name="content"/> as a new version of <paramref name="fileName"/> (its SHA-1 checked by B2).
    /// An upload URL is used by one upload at a time and kept for the next; on 503, a timeout, a dropped connection
    /// or a refused upload token the URL is dropped and the retry gets a fresh one, as B2 asks. An attempt that got
    /// no answer may have been stored: before sending again, the newest versions are listed and an earlier attempt
    /// found by its upload id is returned instead of storing the content twice.
    /// </summary>
    public Task<B2FileVersion> UploadFileAsync(string bucketId, string fileName, ReadOnlyMemory<byte> content, string contentType,
        CancellationToken cancellationToken)
    {
        const string api = "b2_upload_file";
#pragma warning disable CA5350 // B2 checks uploads by SHA-1 (X-Bz-Content-Sha1): an integrity check the API defines, not a security choice.
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(content.Span));
#pragma warning restore CA5350
        var uploadId = Guid.NewGuid().ToString("N");
        var mayBeStored = false;
        return RetryAsync(api, async token =>
        {
            if (mayBeStored && await FindUploadAsync(bucketId, fileName, uploadId, token) is { } stored)
                return stored;
            var uploadUrl = TakeUploadUrl(bucketId) ?? await GetUploadUrlAsync(bucketId, token);
            try
            {
                var version = await UploadOnceAsync(uploadUrl, fileName, content, contentType, sha1, uploadId, token);
                _uploadUrls.GetOrAdd(bucketId, _ => []).Add(uploadUrl);
                return version;
            }
            catch (B2TransientException e) when (e.MayHaveCommitted)
            {
                mayBeStored = true;
                throw;
            }
            catch (B2ApiException e) when (e.IsAuthTokenRefused)
            {
                throw new B2TransientException($"{api}: the upload URL's token was refused ({e.Code})", e.Status, e.Code, TimeSpan.Zero);
            }
        }, cancellationToken);
    }

    /// <summary>The version an earlier attempt of this upload stored, if it did (it is among the newest of the name).</summary>
    private async Task<B2FileVersion?> FindUploadAsync(string bucketId, string fileName, string uploadId, CancellationToken cancellationToken)
    {
        var page = await ListFileVersionsAsync(bucketId, fileName, null, 100, fileName, cancellationToken);
        return page.Files.FirstOrDefault(v => string.Equals(v.FileName, fileName, StringComparison.Ordinal)
            && v.FileInfo?.GetValueOrDefault(UploadIdInfo) == uploadId);
    }

    private B2UploadUrl? TakeUploadUrl(string bucketId) =>
        _uploadUrls.TryGetValue(bucketId, out var idle) && idle.TryTake(out var uploadUrl) ? uploadUrl : null;

    /// <summary>A fresh upload URL and its token (<c>b2_get_upload_url</c>, capability <c>writeFiles</c>).</summary>
    public async Task<B2UploadUrl> GetUploadUrlAsync(string bucketId, CancellationToken cancellationToken)
    {
        var uploadUrl = await CallAsync("b2_get_upload_url", (authorization, token) => PostOnceAsync(authorization, "b2_get_upload_url",
            new B2BucketIdRequest(bucketId), B2Json.Default.B2BucketIdRequest, B2Json.Default.B2UploadUrl, token), cancellationToken);
        Remember(uploadUrl.AuthorizationToken);
        return uploadUrl;
    }

    private async Task<B2FileVersion> UploadOnceAsync(B2UploadUrl uploadUrl, string fileName, ReadOnlyMemory<byte> content, string contentType,
        string sha1, string uploadId, CancellationToken cancellationToken)
    {
        const string api = "b2_upload_file";
        using var request = new HttpRequestMessage(HttpMethod.Post, uploadUrl.UploadUrl) { Content = new ReadOnlyMemoryContent(content) };
        request.Headers.TryAddWithoutValidation("Authorization", uploadUrl.AuthorizationToken);
        request.Headers.TryAddWithoutValidation("X-Bz-File-Name", B2FileNames.Encode(fileName));
        request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", sha1);
        request.Headers.TryAddWithoutValidation("X-Bz-Info-" + UploadIdInfo, uploadId);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Content.Headers.ContentLength = content.Length;
        using var response = await SendAsync(api, request, cancellationToken);
        await ThrowIfRefusedAsync(api, response, cancellationToken);
        return await ReadAsync(api, response, B2Json.Default.B2FileVersion, cancellationToken);
    }

    /// <summary>
    /// One page of versions (capability <c>listFiles</c>): by file name, then newest first. Start at
    /// <paramref name="startFileName"/> (and <paramref name="startFileId"/>, from the previous page's next fields).
    /// </summary>
    public Task<B2FileVersionPage> ListFileVersionsAsync(string bucketId, string? startFileName, string? startFileId, int maxFileCount,
        string? prefix, CancellationToken cancellationToken)
    {
        if (maxFileCount is < 1 or > MaxFileCount)
            throw new ArgumentOutOfRangeException(nameof(maxFileCount), maxFileCount, $"B2 lists 1 to {MaxFileCount} versions per call");
        var request = new B2ListFileVersionsRequest(bucketId, startFileName, startFileId, maxFileCount, prefix);
        return CallAsync("b2_list_file_versions", (authorization, token) => PostOnceAsync(authorization, "b2_list_file_versions",
            request, B2Json.Default.B2ListFileVersionsRequest, B2Json.Default.B2FileVersionPage, token), cancellationToken);
    }

    /// <summary>
    /// Every version of exactly <paramref name="fileName"/> (uploads and hide markers), newest first as B2 lists
    /// them, page after page of <paramref name="pageSize"/>. Names that merely start with it are not included.
    /// </summary>
    public async Task<List<B2FileVersion>> ListVersionsOfAsync(string bucketId, string fileName, int pageSize, CancellationToken cancellationToken)
    {
        var versions = new List<B2FileVersion>();
        string? startName = fileName, startId = null;
        while (startName is not null)
        {
            var page = await ListFileVersionsAsync(bucketId, startName, startId, pageSize, fileName, cancellationToken);
            foreach (var version in page.Files)
            {
                if (!string.Equals(version.FileName, fileName, StringComparison.Ordinal))
                    return versions;
                versions.Add(version);
            }
            if (!string.Equals(page.NextFileName, fileName, StringComparison.Ordinal))
                return versions;
            (startName, startId) = (page.NextFileName, page.NextFileId);
        }
        return versions;
    }

    /// <summary>The content of one version (capability <c>readFiles</c>), or null when it does not exist (any more).</summary>
    public Task<byte[]?> DownloadFileByIdAsync(string fileId, CancellationToken cancellationToken)
    {
        const string api = "b2_download_file_by_id";
        return CallAsync(api, async (authorization, token) =>
        {
            var url = $"{authorization.Storage.DownloadUrl.TrimEnd('/')}/b2api/{ApiVersion}/{api}?fileId={Uri.EscapeDataString(fileId)}";
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Authorization", authorization.AuthorizationToken);
            using var response = await SendAsync(api, request, token);
            try
            {
                await ThrowIfRefusedAsync(api, response, token);
            }
            catch (B2ApiException e) when (e.IsMissingFile)
            {
                return null;
            }
            try
            {
                return await response.Content.ReadAsByteArrayAsync(token);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new B2TransientException($"{api}: the download was cut off", 0, B2ApiException.NoAnswer);
            }
        }, cancellationToken);
    }

    /// <summary>Deletes one version for good (capability <c>deleteFiles</c>); false when it was already gone.</summary>
    public Task<bool> DeleteFileVersionAsync(string fileName, string fileId, CancellationToken cancellationToken)
    {
        const string api = "b2_delete_file_version";
        return CallAsync(api, async (authorization, token) =>
        {
            try
            {
                await PostOnceAsync(authorization, api, new B2DeletedFileVersion(fileId, fileName),
                    B2Json.Default.B2DeletedFileVersion, B2Json.Default.B2DeletedFileVersion, token);
                return true;
            }
            catch (B2ApiException e) when (e.IsMissingFile)
            {
                return false;
            }
        }, cancellationToken);
    }

    /// <summary>Hides <paramref name="fileName"/> (capability <c>writeFiles</c>): a hide marker becomes its newest version.</summary>
    public Task<B2FileVersion> HideFileAsync(string bucketId, string fileName, CancellationToken cancellationToken) =>
        CallAsync("b2_hide_file", (authorization, token) => PostOnceAsync(authorization, "b2_hide_file",
            new B2FileNameRequest(bucketId, fileName), B2Json.Default.B2FileNameRequest, B2Json.Default.B2FileVersion, token), cancellationToken);
}
