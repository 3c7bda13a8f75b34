namespace Hearth.Secrets;

/// <summary>What kind of failure, so a command line can map it to sops's exit codes.</summary>
public enum SecretsFailure
{
    /// <summary>The file is not a SOPS file or cannot be parsed.</summary>
    InvalidFile,
    /// <summary>No key available here opens the file's data key.</summary>
    NoKey,
    /// <summary>The MAC does not match: the file was changed without its key.</summary>
    MacMismatch,
    /// <summary>The file has no MAC.</summary>
    MacMissing,
    /// <summary>A value cannot be decrypted (wrong key, damaged ciphertext).</summary>
    DecryptionFailed,
    /// <summary>The requested key path is not in the file.</summary>
    KeyNotFound,
    /// <summary>.sops.yaml (or the options given) cannot be used.</summary>
    InvalidConfig,
    /// <summary>A master key could not encrypt the data key (gpg failed, a recipient is malformed).</summary>
    EncryptionFailed,
    /// <summary>There are no keys to encrypt a new file to.</summary>
    NoRecipients,
    /// <summary>A tree path (<c>["a"][0]</c>) is malformed.</summary>
    InvalidTreePath,
}

/// <summary>A secrets file cannot be read as asked. Messages name the file and never contain secret values.</summary>
public sealed class SecretsException(SecretsFailure failure, string message, string? hint = null, Exception? inner = null)
    : Exception(message, inner)
{
    public SecretsFailure Failure { get; } = failure;

    public string? Hint { get; } = hint;
}
