namespace Hearth.Secrets.Age;

/// <summary>
/// Something that opens age files: an X25519 identity (<see cref="AgeIdentity"/>) or a passphrase
/// (<see cref="AgePassphraseIdentity"/>). Only this library implements it.
/// </summary>
public interface IAgeIdentity
{
    /// <summary>The 16-byte file key from the stanza meant for this identity, or null when none is.</summary>
    /// <exception cref="SecretsException">A stanza for this identity is malformed or asks too much work.</exception>
    internal byte[]? Unwrap(IReadOnlyList<AgeStanza> stanzas);
}
