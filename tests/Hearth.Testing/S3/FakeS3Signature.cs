using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hearth.Testing.S3;

/// <summary>
/// Checks an AWS Signature Version 4 Authorization header as S3 does: the canonical request (method, encoded path,
/// sorted query, signed headers, payload hash), the string to sign and the key derived from the secret. A mismatch
/// gets 403 SignatureDoesNotMatch with the StringToSign and CanonicalRequest S3 puts in its error body.
/// </summary>
internal static class FakeS3Signature
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <returns>The refusal, or null when the signature is right.</returns>
    public static FakeS3Response? Check(FakeS3Request request, string authorization, string secretKey)
    {
        var fields = authorization[Algorithm.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .Where(f => f.Length == 2)
            .ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signedHeaders)
            || !fields.TryGetValue("Signature", out var signature) || request.Header("x-amz-date") is not { } amzDate)
        {
            return FakeS3Response.Error(400, "AuthorizationHeaderMalformed", "The authorization header is malformed.", request.Path);
        }
        var scope = credential[(credential.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var scopeParts = scope.Split('/');
        var payloadHash = request.Header("x-amz-content-sha256") ?? "";
        if (payloadHash.Length == 64 && !string.Equals(payloadHash, Hex(SHA256.HashData(request.Body)), StringComparison.OrdinalIgnoreCase))
            return FakeS3Response.Error(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.", request.Path);

        var canonicalRequest = string.Join('\n',
            request.Method,
            request.Path,
            CanonicalQuery(request.RawQuery),
            string.Concat(signedHeaders.Split(';').Select(h => $"{h}:{CanonicalValue(request.Header(h) ?? "")}\n")),
            signedHeaders,
            payloadHash);
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in scopeParts)
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
            return null;
        return FakeS3Response.Xml(403,
            "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. " +
            $"Check your key and signing method.</Message><StringToSign>{FakeS3Response.Escape(stringToSign)}</StringToSign>" +
            $"<CanonicalRequest>{FakeS3Response.Escape(canonicalRequest)}</CanonicalRequest><RequestId>{Guid.NewGuid():N}</RequestId></Error>");
    }

    private static string CanonicalQuery(string rawQuery) => string.Join('&', rawQuery
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            return (Name: Uri.EscapeDataString(name), Value: Uri.EscapeDataString(value));
        })
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .ThenBy(p => p.Value, StringComparer.Ordinal)
        .Select(p => $"{p.Name}={p.Value}"));

    private static string CanonicalValue(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLower(CultureInfo.InvariantCulture);
}
