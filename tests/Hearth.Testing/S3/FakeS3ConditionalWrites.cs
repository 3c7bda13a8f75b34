namespace Hearth.Testing.S3;

/// <summary>What <see cref="FakeS3Server"/> does with <c>If-Match</c>/<c>If-None-Match</c> on PUT and DELETE.</summary>
public enum FakeS3ConditionalWrites
{
    /// <summary>As AWS S3 since 2024/2025: 412 PreconditionFailed when the condition fails, 404 for If-Match on a missing key.</summary>
    Honours,

    /// <summary>As B2's S3 endpoint: 501 NotImplemented with its XML error body whenever a conditional header is sent.</summary>
    NotImplemented,

    /// <summary>As s3rver 3.7.1 and fauxqs: the headers are ignored, the write answers 200 and overwrites.</summary>
    Ignores,
}
