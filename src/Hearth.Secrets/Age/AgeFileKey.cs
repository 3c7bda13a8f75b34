using System.Security.Cryptography;

namespace Hearth.Secrets.Age;

/// <summary>The 16-byte key of one file, and how stanzas wrap it: ChaCha20-Poly1305 under a per-stanza key with a zero nonce.</summary>
internal static class AgeFileKey
{
    public const int Size = 16;
    private const int TagSize = 16;
    public const int WrappedSize = Size + TagSize;

    public static byte[] Generate() => RandomNumberGenerator.GetBytes(Size);

    public static byte[] Wrap(byte[] wrapKey, ReadOnlySpan<byte> fileKey)
    {
        var body = new byte[WrappedSize];
        using var aead = new ChaCha20Poly1305(wrapKey);
        aead.Encrypt(stackalloc byte[12], fileKey, body.AsSpan(0, Size), body.AsSpan(Size));
        return body;
    }

    /// <summary>The file key, or null when <paramref name="wrapKey"/> is not the key the body was wrapped with.</summary>
    public static byte[]? Unwrap(byte[] wrapKey, byte[] body)
    {
        var fileKey = new byte[Size];
        try
        {
            using var aead = new ChaCha20Poly1305(wrapKey);
            aead.Decrypt(stackalloc byte[12], body.AsSpan(0, Size), body.AsSpan(Size), fileKey);
            return fileKey;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
