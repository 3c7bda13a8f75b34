using System.Security.Cryptography;

namespace Hearth.Secrets.Age;

/// <summary>
/// Writes age v1 files: a random 16-byte file key wrapped once per recipient (X25519 keys, or a single passphrase),
/// the header MAC, then the payload in 64 KiB ChaCha20-Poly1305 chunks (STREAM). Optionally ASCII-armored.
/// </summary>
public static class AgeEncryptor
{
    /// <summary>Plaintext read per call: sixteen chunks.</summary>
    private const int ReadSize = 16 * AgePayload.ChunkSize;

    /// <exception cref="SecretsException">No recipients, or a recipient that cannot be used.</exception>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, IReadOnlyList<AgeRecipient> recipients, bool armor) =>
        Encrypt(plaintext, (IReadOnlyList<IAgeRecipient>)recipients, armor);

    /// <exception cref="SecretsException">No recipients, a passphrase among other recipients, or a recipient that cannot be used.</exception>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, IReadOnlyList<IAgeRecipient> recipients, bool armor)
    {
        var (fileKey, start) = Start(recipients);
        var file = new byte[start.Length + AgePayload.SealedLength(plaintext.Length)];
        start.CopyTo(file, 0);
        using (var encryptor = new AgePayloadEncryptor(fileKey, start.AsSpan(^AgePayload.NonceSize)))
            encryptor.Encrypt(plaintext, file.AsSpan(start.Length), final: true, out _, out _);
        return armor ? Armor(file) : file;
    }

    /// <summary>Encrypts a stream of any size without holding it in memory (binary, not armored).</summary>
    public static Task EncryptAsync(Stream input, Stream output, IReadOnlyList<AgeRecipient> recipients, CancellationToken cancellationToken) =>
        EncryptAsync(input, output, recipients, armor: false, cancellationToken);

    /// <summary>Encrypts a stream of any size without holding it in memory, holding about 2 MiB.</summary>
    /// <exception cref="SecretsException">No recipients, a passphrase among other recipients, or a recipient that cannot be used.</exception>
    public static async Task EncryptAsync(Stream input, Stream output, IReadOnlyList<IAgeRecipient> recipients, bool armor, CancellationToken cancellationToken)
    {
        var (fileKey, start) = Start(recipients);
        var writer = new AgeOutputWriter(output, armor);
        await writer.WriteAsync(start, final: false, cancellationToken);
        using var encryptor = new AgePayloadEncryptor(fileKey, start.AsSpan(^AgePayload.NonceSize));
        // One byte past a chunk tells whether it is the last, so the buffer holds a chunk more than is read at once.
        var plaintext = new byte[ReadSize + AgePayload.ChunkSize];
        var sealedData = new byte[ReadSize / AgePayload.ChunkSize * AgePayload.SealedChunkSize];
        var (begin, end, ended) = (0, 0, false);
        while (!encryptor.Finished)
        {
            if (end - begin <= AgePayload.ChunkSize && !ended)
            {
                plaintext.AsSpan(begin, end - begin).CopyTo(plaintext);
                (begin, end) = (0, end - begin);
                while (end <= AgePayload.ChunkSize && !ended)
                {
                    var read = await input.ReadAsync(plaintext.AsMemory(end), cancellationToken);
                    ended = read == 0;
                    end += read;
                }
            }
            encryptor.Encrypt(plaintext.AsSpan(begin, end - begin), sealedData, ended, out var consumed, out var written);
            begin += consumed;
            await writer.WriteAsync(sealedData.AsMemory(0, written), encryptor.Finished, cancellationToken);
        }
    }

    /// <summary>age's ASCII armor: padded base64 in 64-column lines between BEGIN and END lines, with a final newline.</summary>
    public static byte[] Armor(byte[] binary)
    {
        var text = new byte[AgeArmorEncoder.MaxTextLength(binary.Length)];
        var length = new AgeArmorEncoder().Encode(binary, text, final: true);
        return text[..length];
    }

    /// <summary>A new file key, and the file's start: the header with its stanzas and MAC, then the payload nonce.</summary>
    private static (byte[] FileKey, byte[] Start) Start(IReadOnlyList<IAgeRecipient> recipients)
    {
        if (recipients.Count == 0)
            throw new SecretsException(SecretsFailure.InvalidConfig, "no age recipients to encrypt to");
        if (recipients.Count > 1 && recipients.Any(r => r.MustBeAlone))
            throw new SecretsException(SecretsFailure.InvalidConfig, "a passphrase must be the only recipient of an age file",
                "encrypt with a passphrase or to recipients, not both");
        var fileKey = AgeFileKey.Generate();
        var header = AgeHeader.Write(fileKey, [.. recipients.Select(r => r.Wrap(fileKey))]);
        return (fileKey, [.. header, .. RandomNumberGenerator.GetBytes(AgePayload.NonceSize)]);
    }
}
