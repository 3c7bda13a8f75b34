using System.Net;
using Hearth.Core.Diagnostics;

namespace Hearth.Dns.Providers.Cloudflare;

/// <summary>
/// Cloudflare answered a request with an error that retrying will not fix (a refused token, a missing zone, a
/// record the API rejects), or kept failing until the retries ran out. Carries the HTTP status and the API's error
/// codes; the message never holds the token.
/// </summary>
internal sealed class CloudflareApiException(string message, string? hint, HttpStatusCode? status, IReadOnlyList<int> codes, Exception? inner = null)
    : ResourceException(message, hint, inner)
{
    /// <summary>81057/81058: the record already exists (a create that had gone through before).</summary>
    public static readonly int[] DuplicateCodes = [81057, 81058];

    /// <summary>81044: the record id is unknown (a delete that had gone through before).</summary>
    public const int RecordMissingCode = 81044;

    public HttpStatusCode? Status { get; } = status;

    public IReadOnlyList<int> Codes { get; } = codes;

    public bool IsDuplicate => Codes.Any(DuplicateCodes.Contains);

    public bool IsRecordMissing => Codes.Contains(RecordMissingCode);
}
