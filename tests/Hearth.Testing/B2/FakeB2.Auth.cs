using System.Text;
using System.Text.Json.Nodes;

namespace Hearth.Testing.B2;

public sealed partial class FakeB2
{
    /// <summary><c>b2_authorize_account</c> with Basic auth; the answer has the shape of the API version asked for.</summary>
    private HttpResponseMessage Authorize(HttpRequestMessage request, int version)
    {
        var header = request.Headers.Authorization;
        if (header is null || header.Scheme != "Basic" || header.Parameter is null)
            throw new FakeB2Refusal(401, "unauthorized", "");
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            throw new FakeB2Refusal(401, "unauthorized", "");
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !_keys.TryGetValue(decoded[..colon], out var key) || key.ApplicationKey != decoded[(colon + 1)..]
            || (key.ExpirationTimestamp is { } expires && expires <= Now))
            throw new FakeB2Refusal(401, "unauthorized", "");

        var token = new FakeB2Token("4_" + key.ApplicationKeyId + "_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)),
            key.ApplicationKeyId, Clock());
        _tokens[token.Value] = token;
        var bucketName = key.BucketId is null ? null : _buckets.GetValueOrDefault(key.BucketId)?.BucketName;
        var capabilities = new JsonArray([.. key.Capabilities.Select(c => (JsonNode)c)]);
        if (version == 2)
        {
            return Json(new JsonObject
            {
                ["accountId"] = key.AccountId,
                ["authorizationToken"] = token.Value,
                ["allowed"] = new JsonObject { ["capabilities"] = capabilities, ["bucketId"] = key.BucketId, ["bucketName"] = bucketName, ["namePrefix"] = key.NamePrefix },
                ["apiUrl"] = ApiOrigin,
                ["downloadUrl"] = DownloadOrigin,
                ["s3ApiUrl"] = S3ApiUrl,
                ["recommendedPartSize"] = 100_000_000,
                ["absoluteMinimumPartSize"] = 5_000_000,
                ["minimumPartSize"] = 100_000_000,
            });
        }
        var storage = new JsonObject
        {
            ["apiUrl"] = ApiOrigin,
            ["downloadUrl"] = DownloadOrigin,
            ["s3ApiUrl"] = S3ApiUrl,
            ["recommendedPartSize"] = 100_000_000,
            ["absoluteMinimumPartSize"] = 5_000_000,
        };
        if (version == 3)
        {
            storage["infoType"] = "storageApi";
            storage["bucketId"] = key.BucketId;
            storage["bucketName"] = bucketName;
            storage["capabilities"] = capabilities;
            storage["namePrefix"] = key.NamePrefix;
        }
        else
        {
            storage["allowed"] = new JsonObject
            {
                ["buckets"] = key.BucketId is null ? null : new JsonArray(new JsonObject { ["id"] = key.BucketId, ["name"] = bucketName }),
                ["capabilities"] = capabilities,
                ["namePrefix"] = key.NamePrefix,
            };
        }
        return Json(new JsonObject
        {
            ["accountId"] = key.AccountId,
            ["authorizationToken"] = token.Value,
            ["apiInfo"] = new JsonObject
            {
                ["storageApi"] = storage,
                ["groupsApi"] = new JsonObject { ["infoType"] = "groupsApi", ["groupsApiUrl"] = "https://apiNNN.backblaze.test", ["capabilities"] = new JsonArray() },
            },
            ["applicationKeyExpirationTimestamp"] = key.ExpirationTimestamp,
        });
    }

    /// <summary>The key behind the request's account token (raw in Authorization, no scheme).</summary>
    private FakeB2Key Caller(HttpRequestMessage request) => KeyOf(request, upload: false, bucketId: null);

    /// <summary>The key behind a token: 401 <c>bad_auth_token</c> when unknown or of the wrong kind, <c>expired_auth_token</c> when old.</summary>
    private FakeB2Key KeyOf(HttpRequestMessage request, bool upload, string? bucketId)
    {
        var value = request.Headers.TryGetValues("Authorization", out var values) ? values.FirstOrDefault() : null;
        if (value is null || !_tokens.TryGetValue(value, out var token) || (token.UploadBucketId is not null) != upload
            || (upload && token.UploadBucketId != bucketId) || !_keys.TryGetValue(token.ApplicationKeyId, out var key))
            throw new FakeB2Refusal(401, "bad_auth_token", "Invalid authorization token");
        if (token.Expired || Clock() - token.Issued > TokenLifetime)
            throw new FakeB2Refusal(401, "expired_auth_token", "Authorization token has expired");
        return key;
    }

    private static void Require(FakeB2Key key, string capability)
    {
        if (!key.Can(capability))
            throw new FakeB2Refusal(401, "unauthorized", $"Key {key.ApplicationKeyId} is not allowed to {capability}");
    }

    /// <summary>The bucket, when the key may use it: 401 <c>unauthorized</c> outside the key's bucket or account, 400 <c>bad_bucket_id</c> when unknown.</summary>
    private FakeB2Bucket BucketFor(FakeB2Key key, string? bucketId)
    {
        if (bucketId is null)
            throw new FakeB2Refusal(400, "bad_request", "required field bucketId is missing");
        if (key.BucketId is not null && key.BucketId != bucketId)
            throw new FakeB2Refusal(401, "unauthorized", $"Key {key.ApplicationKeyId} is restricted to bucket {key.BucketId}");
        if (!_buckets.TryGetValue(bucketId, out var bucket))
            throw new FakeB2Refusal(400, "bad_bucket_id", $"Invalid bucketId: {bucketId}");
        if (bucket.AccountId != key.AccountId)
            throw new FakeB2Refusal(401, "unauthorized", $"bucket {bucketId} is not in the key's account");
        return bucket;
    }

    private static void RequirePrefix(FakeB2Key key, string? name)
    {
        if (key.NamePrefix is { Length: > 0 } prefix && !(name ?? "").StartsWith(prefix, StringComparison.Ordinal))
            throw new FakeB2Refusal(401, "unauthorized", $"Key {key.ApplicationKeyId} is restricted to names starting with {prefix}");
    }

    private static void RequireAccount(FakeB2Key key, JsonObject args)
    {
        if (Required(args, "accountId") != key.AccountId)
            throw new FakeB2Refusal(401, "unauthorized", "accountId does not match the authorization");
    }
}
