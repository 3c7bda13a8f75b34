using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Hearth.Secrets.Age;

/// <summary>
/// The payload after the header: a 16-byte nonce, then the plaintext in 64 KiB chunks (STREAM), each sealed with
/// ChaCha20-Poly1305 under a key derived from the file key and that nonce.
/// </summary>
internal static class AgePayload
{
    public const int ChunkSize = 64 * 1024;
    public const int TagSize = 16;
    public const int SealedChunkSize = ChunkSize + TagSize;
    public const int NonceSize = 16;

    private static readonly byte[] KeyLabel = "payload"u8.ToArray();

    public static byte[] Key(byte[] fileKey, ReadOnlySpan<byte> nonce) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, 32, nonce.ToArray(), KeyLabel);

    /// <summary>STREAM's nonce: an 11-byte big-endian chunk counter, then 1 for the last chunk, else 0.</summary>
    public static void SetChunkNonce(Span<byte> nonce, long counter, bool last)
    {
        nonce[..3].Clear();
        BinaryPrimitives.WriteInt64BigEndian(nonce[3..11], counter);
        nonce[11] = last ? (byte)1 : (byte)0;
    }

    /// <summary>The sealed size of <paramref name="plaintextLength"/> bytes: every chunk adds a tag, and even an empty plaintext has one chunk.</summary>
    public static long SealedLength(long plaintextLength) =>
        plaintextLength + TagSize * Math.Max(1, (plaintextLength + ChunkSize - 1) / ChunkSize);

    /// <summary>The plaintext size of <paramref name="sealedLength"/> sealed bytes (never too small for a malformed payload: the decryptor finds what is wrong).</summary>
    public static long PlaintextLength(long sealedLength) =>
        sealedLength / SealedChunkSize * ChunkSize + Math.Max(0, sealedLength % SealedChunkSize - TagSize);
}
