namespace Hearth.Testing.Cloudflare;

/// <summary>A failure <see cref="FakeCloudflare"/> can inject into a call.</summary>
public enum FakeCloudflareFault
{
    /// <summary>429 with Retry-After, before anything is done.</summary>
    RateLimited,

    /// <summary>A 502 with Cloudflare's HTML error page, before anything is done.</summary>
    ServerError,

    /// <summary>No answer (the client's timeout), before anything is done.</summary>
    TimeoutBeforeCommit,

    /// <summary>The change is made, then no answer arrives (the client's timeout).</summary>
    TimeoutAfterCommit,

    /// <summary>The change is made, then the connection drops before the answer.</summary>
    DropAfterCommit,
}
