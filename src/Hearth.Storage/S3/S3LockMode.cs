namespace Hearth.Storage.S3;

/// <summary>How the S3 state backend locks the state (the lab's <c>state.lock</c>).</summary>
public enum S3LockMode
{
    /// <summary>Probe the server once per run: conditional writes where it really answers 412, otherwise the versioned protocol on a versioned bucket, otherwise refuse.</summary>
    Auto,

    /// <summary>A lock object created with <c>If-None-Match: *</c>; state written with <c>If-Match</c> (AWS S3, MinIO, R2).</summary>
    Conditional,

    /// <summary>The versioned-object protocol, for servers without conditional writes (B2's S3 endpoint) on a versioned bucket.</summary>
    Versioned,

    /// <summary>No lock at all: two runs at once can corrupt the state. Only for servers that can do neither.</summary>
    None,
}
