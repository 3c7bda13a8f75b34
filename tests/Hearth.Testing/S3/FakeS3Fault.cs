namespace Hearth.Testing.S3;

/// <summary>A failure <see cref="FakeS3Server"/> can inject into a request.</summary>
public enum FakeS3Fault
{
    /// <summary>503 SlowDown with Retry-After, before anything is done (S3's request-rate throttle).</summary>
    SlowDown,

    /// <summary>The connection is closed before anything is done.</summary>
    DropConnection,

    /// <summary>The request is carried out, then the connection is closed before the answer.</summary>
    DropAfterCommit,
}
