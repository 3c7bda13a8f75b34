using System.Net;
using Hearth.Core.Diagnostics;

namespace Hearth.Dns.Providers.Ovh;

/// <summary>
/// OVH answered with an error retrying will not fix (refused keys, a call the consumer key is not granted, a missing
/// zone or record, a rejected value), or kept failing until the retries ran out. Carries the HTTP status and the
/// API's error code or class; the message never holds a key.
/// </summary>
internal sealed class OvhApiException(string message, string? hint, HttpStatusCode? status, string? code, Exception? inner = null)
    : ResourceException(message, hint, inner)
{
    public HttpStatusCode? Status { get; } = status;

    /// <summary>The <c>errorCode</c> (INVALID_SIGNATURE, NOT_GRANTED_CALL, …) or <c>class</c> (Client::NotFound) of the answer.</summary>
    public string? Code { get; } = code;

    public bool IsNotFound => Status == HttpStatusCode.NotFound;
}
