namespace Hearth.Storage.S3;

/// <summary>What an S3 server was seen to do with a conditional PutObject (<c>If-None-Match: *</c> on an existing key).</summary>
internal enum S3ConditionalWrites
{
    /// <summary>412 Precondition Failed, as AWS S3 does: conditional writes can be trusted.</summary>
    Honoured,

    /// <summary>501 NotImplemented, as B2's S3 endpoint does.</summary>
    NotImplemented,

    /// <summary>200 and an overwrite, as s3rver does: the header is silently ignored.</summary>
    Ignored,
}
