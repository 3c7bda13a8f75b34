namespace Hearth.Testing.Ovh;

/// <summary>A failure <see cref="FakeOvh"/> can inject into a call.</summary>
public enum FakeOvhFault
{
    /// <summary>429 with Retry-After, before anything is done.</summary>
    RateLimited,

    /// <summary>A 503, before anything is done.</summary>
    ServerError,

    /// <summary>The change is made, then the connection drops before the answer.</summary>
    DropAfterCommit,
}
