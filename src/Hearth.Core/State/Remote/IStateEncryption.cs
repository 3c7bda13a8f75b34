namespace Hearth.Core.State.Remote;

/// <summary>
/// Encryption at rest for a remote state: everything a <see cref="RemoteStateBackend"/> sends to its store, and the
/// <c>errored.hearth-state</c> file it leaves when a final write fails, passes through <see cref="Encrypt"/>. Every
/// write encrypts to the current recipients, so adding or removing one takes effect on the next write.
/// </summary>
public interface IStateEncryption
{
    /// <summary>Who the state is encrypted to, for messages (<c>age1…, age1…</c>).</summary>
    string Recipients { get; }

    /// <summary>The stored form of <paramref name="plaintext"/> (a serialised state document).</summary>
    /// <exception cref="Diagnostics.StateException">The recipients cannot be used.</exception>
    byte[] Encrypt(byte[] plaintext);

    /// <summary>Whether <paramref name="stored"/> is in this encryption's stored form (a plain state document is not).</summary>
    bool IsEncrypted(ReadOnlySpan<byte> stored);

    /// <summary>The plaintext of <paramref name="stored"/>, read from <paramref name="location"/> (named in errors).</summary>
    /// <exception cref="Diagnostics.StateException">
    /// No identity here opens it (the message names the recipients it is encrypted to and where identities were looked
    /// for), or it is damaged.
    /// </exception>
    Task<byte[]> DecryptAsync(byte[] stored, string location, CancellationToken cancellationToken);
}
