namespace Hearth.Testing.B2;

/// <summary>A failure <see cref="FakeB2"/> can inject into a call.</summary>
public enum FakeB2Fault
{
    /// <summary>429 <c>too_many_requests</c> with Retry-After, before anything is done.</summary>
    RateLimited,

    /// <summary>503 <c>service_unavailable</c> with Retry-After, before anything is done (an upload URL's pod is busy).</summary>
    ServiceUnavailable,

    /// <summary>500 <c>internal_error</c>, before anything is done.</summary>
    InternalError,

    /// <summary>401 <c>expired_auth_token</c>, before anything is done, whatever the token.</summary>
    ExpiredAuthToken,

    /// <summary>No answer (the client's timeout), before anything is done.</summary>
    TimeoutBeforeCommit,

    /// <summary>The call is carried out, then no answer arrives (the client's timeout).</summary>
    TimeoutAfterCommit,
}
