using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Hearth.Secrets.Age;

/// <summary>
/// Writes age v1 files to X25519 recipients: a random 16-byte file key wrapped once per recipient, the header
/// MAC, then the payload in 64 KiB ChaCha20-Poly1305 chunks (STREAM). Optionally ASCII-armored.
/// </summary>
public static class AgeEncryptor
{
    internal const int ChunkSize = 64 * 1024;
    private const int TagSize = 16;

    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, IReadOnlyList<AgeRecipient> recipients, bool armor)
    {
        using var output = new MemoryStream();
        var fileKey = RandomNumberGenerator.GetBytes(16);
        WriteHeader(output, fileKey, recipients);
        var (key, nonce) = PayloadKey(fileKey);
        output.Write(nonce);
        using var aead = new ChaCha20Poly1305(key);
        var chunkNonce = new byte[12];
        var counter = 0L;
        do
        {
            var length = Math.Min(ChunkSize, plaintext.Length);
            var last = length == plaintext.Length;
            SetChunkNonce(chunkNonce, counter++, last);
            var sealedChunk = new byte[length + TagSize];
            aead.Encrypt(chunkNonce, plaintext[..length], sealedChunk.AsSpan(0, length), sealedChunk.AsSpan(length));
            output.Write(sealedChunk);
            plaintext = plaintext[length..];
        }
        while (plaintext.Length > 0);
        return armor ? Armor(output.ToArray()) : output.ToArray();
    }

    /// <summary>Encrypts a stream of any size without holding it in memory (binary, not armored).</summary>
    public static async Task EncryptAsync(Stream input, Stream output, IReadOnlyList<AgeRecipient> recipients, CancellationToken cancellationToken)
    {
        var fileKey = RandomNumberGenerator.GetBytes(16);
        using (var header = new MemoryStream())
        {
            WriteHeader(header, fileKey, recipients);
            await output.WriteAsync(header.ToArray(), cancellationToken);
        }
        var (key, nonce) = PayloadKey(fileKey);
        await output.WriteAsync(nonce, cancellationToken);
        using var aead = new ChaCha20Poly1305(key);
        // Read one chunk ahead: a chunk is the last only if nothing follows it.
        var current = new byte[ChunkSize];
        var next = new byte[ChunkSize];
        var currentLength = await input.ReadAtLeastAsync(current, ChunkSize, throwOnEndOfStream: false, cancellationToken);
        var sealedChunk = new byte[ChunkSize + TagSize];
        var chunkNonce = new byte[12];
        for (var counter = 0L; ; counter++)
        {
            var nextLength = currentLength == ChunkSize ? await input.ReadAtLeastAsync(next, ChunkSize, throwOnEndOfStream: false, cancellationToken) : 0;
            var last = nextLength == 0;
            SetChunkNonce(chunkNonce, counter, last);
            aead.Encrypt(chunkNonce, current.AsSpan(0, currentLength), sealedChunk.AsSpan(0, currentLength), sealedChunk.AsSpan(currentLength, TagSize));
            await output.WriteAsync(sealedChunk.AsMemory(0, currentLength + TagSize), cancellationToken);
            if (last)
                return;
            (current, next, currentLength) = (next, current, nextLength);
        }
    }

    private static void WriteHeader(Stream output, byte[] fileKey, IReadOnlyList<AgeRecipient> recipients)
    {
        if (recipients.Count == 0)
            throw new SecretsException(SecretsFailure.InvalidConfig, "no age recipients to encrypt to");
        var header = new StringBuilder("age-encryption.org/v1\n");
        foreach (var recipient in recipients)
        {
            var ephemeral = RandomNumberGenerator.GetBytes(X25519.ScalarSize);
            var share = new byte[X25519.PointSize];
            X25519.ScalarMultBase(ephemeral, 0, share, 0);
            var shared = new byte[X25519.PointSize];
            if (!X25519.CalculateAgreement(ephemeral, 0, recipient.PublicKey, 0, shared, 0))
                throw new SecretsException(SecretsFailure.InvalidConfig, $"`{recipient}` is a low-order point, not a usable recipient");
            var wrapKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, [.. share, .. recipient.PublicKey], "age-encryption.org/v1/X25519"u8.ToArray());
            var body = new byte[fileKey.Length + TagSize];
            using (var aead = new ChaCha20Poly1305(wrapKey))
                aead.Encrypt(new byte[12], fileKey, body.AsSpan(0, fileKey.Length), body.AsSpan(fileKey.Length));
            header.Append("-> X25519 ").Append(AgeBase64.EncodeRaw(share)).Append('\n');
            AgeBase64.AppendWrapped(header, AgeBase64.EncodeRaw(body));
        }
        header.Append("---");
        var headerBytes = Encoding.ASCII.GetBytes(header.ToString());
        var macKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, 32, [], "header"u8.ToArray());
        output.Write(headerBytes);
        output.Write(Encoding.ASCII.GetBytes(" " + AgeBase64.EncodeRaw(HMACSHA256.HashData(macKey, headerBytes)) + "\n"));
    }

    private static (byte[] Key, byte[] Nonce) PayloadKey(byte[] fileKey)
    {
        var nonce = RandomNumberGenerator.GetBytes(16);
        return (HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, 32, nonce, "payload"u8.ToArray()), nonce);
    }

    /// <summary>STREAM's nonce: an 11-byte big-endian chunk counter, then 1 for the last chunk, else 0.</summary>
    internal static void SetChunkNonce(Span<byte> nonce, long counter, bool last)
    {
        nonce.Clear();
        for (var i = 0; i < 8; i++)
            nonce[10 - i] = (byte)(counter >> (8 * i));
        nonce[11] = last ? (byte)1 : (byte)0;
    }

    /// <summary>age's ASCII armor: padded base64 in 64-column lines between BEGIN and END lines, with a final newline.</summary>
    public static byte[] Armor(byte[] binary)
    {
        var text = new StringBuilder("-----BEGIN AGE ENCRYPTED FILE-----\n");
        var base64 = Convert.ToBase64String(binary);
        for (var i = 0; i < base64.Length; i += 64)
            text.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
        text.Append("-----END AGE ENCRYPTED FILE-----\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
