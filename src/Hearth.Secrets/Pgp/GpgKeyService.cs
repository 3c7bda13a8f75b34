using System.Security.Cryptography;
using System.Text;
using Hearth.Secrets.Sops;

namespace Hearth.Secrets.Pgp;

/// <summary>
/// PGP master keys through the user's own gpg, as sops falls back to it, so gpg-agent, pinentry and smartcards work.
/// The binary is SOPS_GPG_EXEC, else <c>gpg</c>; GNUPGHOME is passed on from the environment given, else gpg's default.
/// Data keys travel only through pipes: never on disk, on a command line, or in a message.
/// </summary>
public sealed class GpgKeyService : IPgpKeyService
{
    private readonly string _binary;
    private readonly string? _home;

    /// <param name="environment">The variables to read SOPS_GPG_EXEC and GNUPGHOME from (the CLI passes its process environment).</param>
    public GpgKeyService(IReadOnlyDictionary<string, string> environment)
    {
        _binary = Get(environment, "SOPS_GPG_EXEC") ?? "gpg";
        _home = Get(environment, "GNUPGHOME");
    }

    /// <inheritdoc />
    /// <exception cref="SecretsException">
    /// <see cref="SecretsFailure.InvalidConfig"/>: <paramref name="fingerprint"/> is not a fingerprint;
    /// <see cref="SecretsFailure.EncryptionFailed"/>: gpg is missing, or failed (its stderr is in the message).
    /// </exception>
    // The contract is synchronous; the CLI has no synchronization context, so waiting here cannot deadlock.
    public string Encrypt(byte[] dataKey, string fingerprint, CancellationToken cancellationToken) =>
        EncryptAsync(dataKey, fingerprint, cancellationToken).GetAwaiter().GetResult();

    /// <inheritdoc />
    /// <remarks><paramref name="fingerprint"/> is not checked: the message itself names its key, and sops opens files whatever their fp says.</remarks>
    /// <exception cref="SecretsException"><see cref="SecretsFailure.NoKey"/>: gpg is not installed (or SOPS_GPG_EXEC does not run).</exception>
    public byte[]? TryDecrypt(string armored, string fingerprint, CancellationToken cancellationToken) =>
        TryDecryptAsync(armored, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Encrypts <paramref name="dataKey"/> (or a Shamir share) to one key; returns the armored message, trimmed as sops stores it.</summary>
    /// <exception cref="SecretsException">As <see cref="Encrypt"/>.</exception>
    public async Task<string> EncryptAsync(ReadOnlyMemory<byte> dataKey, string fingerprint, CancellationToken cancellationToken)
    {
        var key = new PgpFingerprint(fingerprint);
        var result = await GpgProcess.RunAsync(_binary, GpgArguments.Encrypt(key), _home, dataKey, SecretsFailure.EncryptionFailed, cancellationToken);
        var armored = Encoding.UTF8.GetString(result.Output).Trim();
        if (result.ExitCode != 0 || armored.Length == 0)
            throw new SecretsException(SecretsFailure.EncryptionFailed,
                $"gpg could not encrypt the data key to PGP key {key} (exit code {result.ExitCode}){(result.Error.Length > 0 ? ":\n" + result.Error : "")}",
                $"check that the public key is in your keyring (`gpg --list-keys {key}`), or import it with `gpg --import`");
        return armored;
    }

    /// <summary>Decrypts an armored message with whatever secret key gpg holds for it; null when gpg cannot (no key, pinentry cancelled).</summary>
    /// <exception cref="SecretsException">As <see cref="TryDecrypt"/>.</exception>
    public async Task<byte[]?> TryDecryptAsync(string armored, CancellationToken cancellationToken)
    {
        var result = await GpgProcess.RunAsync(_binary, GpgArguments.Decrypt(), _home, Encoding.UTF8.GetBytes(armored), SecretsFailure.NoKey, cancellationToken);
        // Exit 0 with no output happens when an old gpg skips packets it cannot read (sops issue 896): a failure too.
        if (result.ExitCode == 0 && result.Output.Length > 0)
            return result.Output;
        CryptographicOperations.ZeroMemory(result.Output);
        return null;
    }

    private static string? Get(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
