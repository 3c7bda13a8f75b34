namespace Hearth.Secrets.Age;

/// <summary>
/// Someone age files are encrypted to: an X25519 public key (<see cref="AgeRecipient"/>) or a passphrase
/// (<see cref="AgePassphraseRecipient"/>). Only this library implements it.
/// </summary>
public interface IAgeRecipient
{
    /// <summary>A stanza holding <paramref name="fileKey"/> for this recipient alone.</summary>
    internal AgeStanza Wrap(ReadOnlySpan<byte> fileKey);

    /// <summary>The recipient must be the file's only one (a passphrase: age refuses to mix it with others).</summary>
    internal bool MustBeAlone => false;
}
