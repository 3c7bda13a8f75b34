namespace Hearth.Dns.Providers.Ovh;

/// <summary>
/// A failure worth retrying: 429, a 5xx, a timeout or a dropped connection. <see cref="MayHaveCommitted"/> says
/// whether OVH may have made the change anyway (all but a 429), so a create is checked before it is sent again.
/// </summary>
internal sealed class OvhTransientException(string reason, bool mayHaveCommitted, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(reason, inner)
{
    public bool MayHaveCommitted { get; } = mayHaveCommitted;

    /// <summary>The wait the server asked for (Retry-After), if it asked.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
