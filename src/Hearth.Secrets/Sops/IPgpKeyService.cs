namespace Hearth.Secrets.Sops;

/// <summary>PGP master keys, through the user's own gpg so agents and smartcards work.</summary>
public interface IPgpKeyService
{
    /// <summary>Encrypts <paramref name="dataKey"/> to the key <paramref name="fingerprint"/>; returns the armored message.</summary>
    /// <exception cref="SecretsException">gpg is missing or cannot encrypt to that key (<see cref="SecretsFailure.EncryptionFailed"/>).</exception>
    string Encrypt(byte[] dataKey, string fingerprint, CancellationToken cancellationToken);

    /// <summary>Decrypts an armored message; null when no secret key here opens it.</summary>
    byte[]? TryDecrypt(string armored, string fingerprint, CancellationToken cancellationToken);
}
