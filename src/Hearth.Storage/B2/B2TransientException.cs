namespace Hearth.Storage.B2;

/// <summary>
/// A failure worth trying again: 429, 500, 503, a timeout or a dropped connection. Carries the server's
/// Retry-After when it sent one, and what it answered, so the error after the last retry can say so.
/// <see cref="MayHaveCommitted"/> says whether B2 may have carried the call out anyway (no answer, or a 500),
/// as opposed to refusing it up front (429, 503).
/// </summary>
internal sealed class B2TransientException(string reason, int status, string code, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(reason, inner)
{
    public bool MayHaveCommitted => Status is 0 or 500;

    public int Status { get; } = status;

    public string Code { get; } = code;

    /// <summary>The wait the server asked for, or the wait this client chose (zero for a fresh upload URL).</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
