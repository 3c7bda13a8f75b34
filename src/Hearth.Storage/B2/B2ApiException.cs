using Hearth.Core.Diagnostics;

namespace Hearth.Storage.B2;

/// <summary>
/// B2 refused a call with its error envelope (<see cref="Status"/>, <see cref="Code"/>), or kept failing until the
/// retries ran out (then <see cref="Code"/> is the last envelope's, or <c>no_answer</c> for timeouts and dropped
/// connections). The message names the call and never holds the application key or any token.
/// </summary>
internal sealed class B2ApiException(string api, int status, string code, string message, string? hint = null, Exception? inner = null)
    : ResourceException(message, hint, inner)
{
    public const string Unauthorized = "unauthorized";
    public const string BadAuthToken = "bad_auth_token";
    public const string ExpiredAuthToken = "expired_auth_token";
    public const string NotFound = "not_found";
    public const string FileNotPresent = "file_not_present";
    public const string Conflict = "conflict";
    public const string NoAnswer = "no_answer";

    /// <summary>The call, e.g. <c>b2_list_file_versions</c>.</summary>
    public string Api { get; } = api;

    /// <summary>The HTTP status (the envelope's <c>status</c>), 0 when no answer came.</summary>
    public int Status { get; } = status;

    public string Code { get; } = code;

    /// <summary>401 <c>expired_auth_token</c> or <c>bad_auth_token</c>: the token, not the key, was refused; authorising again helps.</summary>
    public bool IsAuthTokenRefused => Status == 401 && Code is ExpiredAuthToken or BadAuthToken;

    /// <summary>The file or version does not exist (404 <c>not_found</c>, or 400 <c>file_not_present</c> from a delete).</summary>
    public bool IsMissingFile => (Status == 404 && Code == NotFound) || (Status == 400 && Code == FileNotPresent);
}
