namespace Hearth.Secrets.Pgp;

/// <summary>gpg's command lines, exactly as sops builds them (pgp/keysource.go), kept pure so they are tested as data.</summary>
internal static class GpgArguments
{
    /// <summary>
    /// Armored encryption to one key and nobody else (no default recipient, no encrypt-to from gpg.conf); the key is
    /// trusted for this run only, so an unsigned key in the keyring does not stop encryption.
    /// </summary>
    public static IReadOnlyList<string> Encrypt(PgpFingerprint fingerprint) =>
        ["--no-default-recipient", "--yes", "--encrypt", "-a", "-r", fingerprint.Value, "--trusted-key", fingerprint.KeyId, "--no-encrypt-to"];

    /// <summary>
    /// No --batch, as in sops: gpg-agent may need to ask for a passphrase or a smartcard PIN through pinentry.
    /// --quiet keeps gpg's notes off stderr; the plaintext alone goes to stdout.
    /// </summary>
    public static IReadOnlyList<string> Decrypt() => ["--quiet", "-d"];
}
